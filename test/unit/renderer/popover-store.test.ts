import { describe, expect, it, vi } from 'vitest';
import type { PopoverApi, Result } from '../../../src/shared/ipc';
import { fakePopoverApi, ok } from './fake-popover-api';
import type { Snapshot, Vm } from '../../../src/shared/model';
import { PopoverStore } from '../../../src/renderer/src/popover/popover-store.svelte';

function vm(name: string, state = 'running', hostId = 'h1'): Vm {
  return {
    hostId,
    id: `{ID-${name.toUpperCase()}}`,
    name,
    state,
    os: 'macosx',
    stateSince: 0,
    changedWhileOffline: false,
  };
}

function snapshot(generatedAt: number, vms: Vm[] = [vm('a'), vm('b', 'stopped')]): Snapshot {
  return {
    hosts: [{ id: 'h1', name: 'Farm', url: 'https://farm', status: { tag: 'live', since: 0 } }],
    vms,
    events: [],
    pending: [],
    mutedVms: [],
    notificationsPausedUntil: null,
    generatedAt,
  };
}

const fakeApi = (overrides: Partial<PopoverApi> = {}): PopoverApi =>
  fakePopoverApi({ getSnapshot: () => ok(snapshot(1)), ...overrides });

describe('PopoverStore', () => {
  it('never lets an older snapshot (a slow pull) replace a newer push', () => {
    const store = new PopoverStore(fakeApi());
    store.apply(snapshot(10, [vm('new')]));
    store.apply(snapshot(5, [vm('old')]));
    expect(store.snapshot?.vms.map((v) => v.name)).toEqual(['new']);
  });

  it('keeps the server reason of a failed action and clears the in-flight flag', async () => {
    const runAction = vi.fn(() => Promise.resolve({ ok: false as const, error: 'error: VM is not running' }));
    const store = new PopoverStore(fakeApi({ runAction }));
    store.apply(snapshot(1));
    const target = store.snapshot!.vms[0]!;
    const done = store.runAction(target, 'stop');
    expect(store.isPending(target)).toBe(true);
    await done;
    expect(runAction).toHaveBeenCalledWith({ hostId: 'h1', vmId: '{ID-A}', action: 'stop' });
    expect(store.outcomes.get('h1/id-a')).toEqual({ ok: false, message: 'error: VM is not running' });
    expect(store.isPending(target)).toBe(false);
  });

  it('turns a rejected bridge call into an inline error instead of an unhandled rejection', async () => {
    const store = new PopoverStore(fakeApi({ runAction: () => Promise.reject(new Error('bridge gone')) }));
    store.apply(snapshot(1));
    await store.runAction(store.snapshot!.vms[0]!, 'start');
    expect(store.outcomes.get('h1/id-a')).toEqual({ ok: false, message: 'bridge gone' });
  });

  it('ignores a second click while the first request is in flight', async () => {
    let resolve: (r: Result<{ message: string }>) => void = () => {};
    const runAction = vi.fn(() => new Promise<Result<{ message: string }>>((r) => (resolve = r)));
    const store = new PopoverStore(fakeApi({ runAction }));
    store.apply(snapshot(1));
    const target = store.snapshot!.vms[0]!;
    const first = store.runAction(target, 'start');
    await store.runAction(target, 'start');
    resolve({ ok: true, value: { message: 'ok' } });
    await first;
    expect(runAction).toHaveBeenCalledTimes(1);
  });

  it('reads pending actions and mutes from the snapshot by normalised key', () => {
    const store = new PopoverStore(fakeApi());
    store.apply({
      ...snapshot(1),
      pending: [{ hostId: 'h1', vmId: 'id-b', action: 'start', startedAt: 0 }],
      mutedVms: ['h1/id-a'],
    });
    const [a, b] = store.snapshot!.vms;
    expect(store.isPending(b!)).toBe(true);
    expect(store.isPending(a!)).toBe(false);
    expect(store.muted.has('h1/id-a')).toBe(true);
  });

  it('focusVm clears a search that hides the VM, opens its host and asks the list to reveal it', () => {
    vi.useFakeTimers();
    try {
      const store = new PopoverStore(fakeApi());
      store.apply(snapshot(1));
      store.query = 'zzz';
      store.collapsed = new Set(['h1']);
      store.focusVm('h1', 'ID-B');
      expect(store.query).toBe('');
      expect(store.collapsed.has('h1')).toBe(false);
      expect(store.activeKey).toBe('vm:h1/id-b');
      expect(store.highlightKey).toBe('vm:h1/id-b');
      expect(store.revealSeq).toBe(1);
      vi.advanceTimersByTime(3000);
      expect(store.highlightKey).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('focusVm keeps a search that already shows the VM and ignores unknown VMs', () => {
    const store = new PopoverStore(fakeApi());
    store.apply(snapshot(1));
    store.query = 'b';
    store.focusVm('h1', 'id-b');
    expect(store.query).toBe('b');
    store.focusVm('h1', 'nope');
    expect(store.activeKey).toBe('vm:h1/id-b');
  });

  it('reports a failed pull without losing the last snapshot', async () => {
    const store = new PopoverStore(
      fakeApi({ getSnapshot: () => Promise.resolve({ ok: false, error: 'not ready' }) }),
    );
    store.apply(snapshot(1));
    await store.pull();
    expect(store.loadError).toBe('not ready');
    expect(store.snapshot?.generatedAt).toBe(1);
  });
});

describe('PopoverStore: pushes', () => {
  /** Runs animation frames by hand: the store publishes at most one snapshot per frame. */
  function frames() {
    const queued: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => queued.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    return () => queued.splice(0).forEach((cb) => cb(0));
  }

  it('applies every delta of a frame in order and publishes once, keeping the VM order', () => {
    const runFrame = frames();
    const store = new PopoverStore(fakeApi());
    store.push({ generation: 1, full: snapshot(1, [vm('a'), vm('b'), vm('c')]) });
    store.push({ generation: 2, delta: { base: 1, upserts: [vm('b', 'stopped')], generatedAt: 2 } });
    store.push({ generation: 3, delta: { base: 2, upserts: [vm('a', 'suspended')], generatedAt: 3 } });
    expect(store.snapshot).toBeNull();
    runFrame();
    expect(store.snapshot?.vms.map((v) => `${v.name}:${v.state}`)).toEqual([
      'a:suspended',
      'b:stopped',
      'c:running',
    ]);
    expect(store.snapshot?.generatedAt).toBe(3);
    vi.unstubAllGlobals();
  });

  it('a delta that does not build on what the page holds asks main for a full snapshot, once', () => {
    const runFrame = frames();
    const requestFullState = vi.fn(() => ok(undefined));
    const store = new PopoverStore(fakeApi({ requestFullState }));
    store.push({ generation: 1, full: snapshot(1) });
    store.push({ generation: 3, delta: { base: 2, upserts: [vm('a', 'stopped')], generatedAt: 3 } });
    store.push({ generation: 4, delta: { base: 3, generatedAt: 4 } });
    store.push({ nonsense: true });
    expect(requestFullState).toHaveBeenCalledTimes(1);
    runFrame();
    expect(store.snapshot?.vms.map((v) => v.state)).toEqual(['running', 'stopped']);
    store.push({ generation: 5, full: snapshot(5, [vm('a', 'stopped')]) });
    store.push({ generation: 6, delta: { base: 5, removed: ['h1/id-a'], generatedAt: 6 } });
    runFrame();
    expect(store.snapshot?.vms).toEqual([]);
    vi.unstubAllGlobals();
  });
});

describe('PopoverStore with a farm (issue 15)', () => {
  const farmVm = (name: string, farmHostId: string, state = 'running'): Vm => ({
    ...vm(name, state, 'orch'),
    id: 'same-id',
    farmHostId,
  });
  const farm = (): Snapshot => ({
    ...snapshot(1, [farmVm('on-a', 'mac-a'), farmVm('on-b', 'mac-b', 'stopped')]),
    pending: [{ hostId: 'orch', vmId: 'same-id', farmHostId: 'mac-b', action: 'start', startedAt: 0 }],
  });

  it('sends the farm host with actions and mutes, and tells two Macs’ VMs with one id apart', async () => {
    const runAction = vi.fn(() => ok({ message: 'done' }));
    const setVmMuted = vi.fn(() => ok(undefined));
    const store = new PopoverStore(fakeApi({ runAction, setVmMuted }));
    store.apply(farm());
    const [a, b] = store.snapshot!.vms;
    expect(store.isPending(b!)).toBe(true);
    expect(store.isPending(a!)).toBe(false);
    await store.runAction(a!, 'stop');
    expect(runAction).toHaveBeenCalledWith({
      hostId: 'orch',
      vmId: 'same-id',
      farmHostId: 'mac-a',
      action: 'stop',
    });
    await store.setMuted(b!, true);
    expect(setVmMuted).toHaveBeenCalledWith({ hostId: 'orch', vmId: 'same-id', farmHostId: 'mac-b' }, true);
  });

  it('focusVm opens the Mac’s group and drops a host filter that hides it', () => {
    const store = new PopoverStore(fakeApi());
    store.apply(farm());
    store.collapsed = new Set(['orch/mac-b']);
    store.hostFilter = 'orch/mac-a';
    store.focusVm('orch', 'same-id', 'mac-b');
    expect(store.collapsed.has('orch/mac-b')).toBe(false);
    expect(store.hostFilter).toBeNull();
    expect(store.activeKey).toBe('vm:orch/mac-b/same-id');
  });
});
