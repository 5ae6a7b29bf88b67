// A PopoverApi for renderer unit tests: every call succeeds at once; a test overrides what it is about.
import type { PopoverApi, Result } from '../../../src/shared/ipc';

export const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

export function fakePopoverApi(overrides: Partial<PopoverApi> & Pick<PopoverApi, 'getSnapshot'>): PopoverApi {
  return {
    // A page whose first screen names no slices never asks; one that does gets a refusal unless a test says more.
    getSnapshotSlice: () => Promise.resolve({ ok: false, error: 'no slices in this fake' }),
    requestFullState: () => ok(undefined),
    runAction: () => ok({ message: 'done' }),
    setVmMuted: () => ok(undefined),
    reconnect: () => ok(undefined),
    pauseNotifications: () => ok(undefined),
    hide: () => ok(undefined),
    quit: () => ok(undefined),
    openSettings: () => ok(undefined),
    onStateChanged: () => () => {},
    onFocusVm: () => () => {},
    ...overrides,
  };
}
