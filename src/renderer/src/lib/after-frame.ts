/** Resolves after the next frame, in a task of its own (the frame is painted before the work goes on). */
export function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
