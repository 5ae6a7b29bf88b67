// One high-resolution epoch clock for every bench process. Each process's timeOrigin is fixed at its start, so two
// processes can disagree by up to a millisecond or so; hub-client.ts measures that offset and corrects for it.
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms` of wall time (only for pacing a benchmark, never to wait for a result). */
export function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
