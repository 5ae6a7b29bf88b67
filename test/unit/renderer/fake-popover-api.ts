// A PopoverApi for renderer unit tests: every call succeeds at once; a test overrides what it is about.
import type { PopoverApi, Result } from '../../../src/shared/ipc';

export const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

export function fakePopoverApi(overrides: Partial<PopoverApi> & Pick<PopoverApi, 'getSnapshot'>): PopoverApi {
  return {
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
