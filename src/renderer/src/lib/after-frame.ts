/** Resolves after the next frame, in a task of its own (the frame is painted before the work goes on). */
export function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Resolves once the next frame has been presented (its successor has begun: the second animation frame), in a task
 * of its own: work deferred past a first screen then runs neither before that frame nor between it and the next.
 */
export function afterFramePresented(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
  );
}
