// The pushes' end-to-end check shared by the push tests: after applying what main pushed, the page's model holds
// exactly the core's snapshot (its generatedAt aside: each side stamps its own).
import { expect } from 'vitest';
import type { Snapshot } from '../../../src/shared/model';

export function expectPageHolds(held: Snapshot | null, core: { snapshot(): Snapshot }): void {
  expect(held).not.toBeNull();
  const { generatedAt: _a, ...expected } = core.snapshot();
  const { generatedAt: _b, ...page } = held!;
  expect(page).toEqual(expected);
}
