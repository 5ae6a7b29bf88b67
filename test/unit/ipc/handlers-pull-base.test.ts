// 'vm:snapshot' hands the whole snapshot it answers with (and the core's VM cursor read in the same step) to the
// popover's pusher, and tells the page the push generation it got (issue 15): on a whole answer as
// `pushGeneration`, on a first screen as `rest.pushGeneration` (the pinned whole the slices add up to).
import { describe, expect, it, vi } from 'vitest';
import { createInvokeHandlers, type WindowControls } from '../../../src/main/ipc/handlers';
import type { SettingsService } from '../../../src/main/ipc/settings-service';
import { FIRST_SCREEN_ROWS } from '../../../src/shared/first-screen';
import type { Snapshot } from '../../../src/shared/model';
import { createFakeCore, EMPTY_SNAPSHOT } from './fakes';
import { testVm } from '../../support/snapshots';

function setup(adopted: number | null) {
  const vms = Array.from({ length: FIRST_SCREEN_ROWS + 10 }, (_, i) => testVm(`v${i}`, 'running'));
  const whole: Snapshot = { ...EMPTY_SNAPSHOT, vms };
  const small: Snapshot = { ...EMPTY_SNAPSHOT, vms: vms.slice(0, 3) };
  let current = whole;
  const core = createFakeCore({ snapshot: () => current });
  let cursor = 41;
  core.view.vmCursor = () => cursor;
  const adopt = vi.fn((_whole: Snapshot, _cursor: number) => adopted);
  const windows: WindowControls = {
    hidePopover: vi.fn(),
    openSettings: vi.fn(),
    setSettingsUnsaved: vi.fn(),
    quit: vi.fn(),
    resyncPopoverState: vi.fn(),
    adoptPopoverState: adopt,
  };
  const handlers = createInvokeHandlers({
    core,
    settings: {} as SettingsService,
    windows,
    clock: { now: () => 0 },
  });
  return {
    handlers,
    adopt,
    whole,
    useSmall: () => void (current = small),
    moveCursor: () => void (cursor += 1),
  };
}

describe('vm:snapshot: the pull is the base of the next push', () => {
  it('a whole pull is adopted with the cursor of that moment and answers with its generation', async () => {
    const { handlers, adopt, whole, moveCursor } = setup(7);
    expect(await handlers['vm:snapshot'](undefined)).toEqual({
      ok: true,
      value: { ...whole, pushGeneration: 7 },
    });
    expect(adopt).toHaveBeenCalledWith(whole, 41);
    moveCursor();
    await handlers['vm:snapshot'](undefined);
    expect(adopt).toHaveBeenLastCalledWith(whole, 42);
  });

  it('a first screen names the generation of the whole snapshot pinned for its slices', async () => {
    const { handlers, adopt, whole } = setup(3);
    const first = await handlers['vm:snapshot']({ firstScreen: true });
    expect(first.ok && first.value.firstScreen?.rest).toEqual({
      id: 1,
      slices: 1,
      total: whole.vms.length,
      pushGeneration: 3,
    });
    expect(first.ok && 'pushGeneration' in first.value).toBe(false); // the first screen itself is no base
    expect(adopt).toHaveBeenCalledWith(whole, 41);
    const slice = await handlers['vm:snapshot-slice']({ id: 1, index: 0 });
    expect(slice.ok && slice.value.vms).toEqual(whole.vms);
  });

  it('a first screen that left nothing out is the whole snapshot, with its generation', async () => {
    const { handlers, useSmall } = setup(5);
    useSmall();
    const first = await handlers['vm:snapshot']({ firstScreen: true });
    expect(first.ok && first.value.firstScreen).toBeUndefined();
    expect(first.ok && first.value.pushGeneration).toBe(5);
  });

  it('no generation when the pusher refuses the pull (pushes already went to the page)', async () => {
    const { handlers, whole } = setup(null);
    expect(await handlers['vm:snapshot'](undefined)).toEqual({ ok: true, value: whole });
    const first = await handlers['vm:snapshot']({ firstScreen: true });
    expect(first.ok && first.value.firstScreen?.rest).toEqual({ id: 1, slices: 1, total: whole.vms.length });
  });

  it('a refused request adopts nothing', async () => {
    const { handlers, adopt } = setup(1);
    expect((await handlers['vm:snapshot']({ firstScreen: false })).ok).toBe(false);
    expect(adopt).not.toHaveBeenCalled();
  });
});
