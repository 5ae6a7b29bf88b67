/* global window, document, MutationObserver, requestAnimationFrame, CONFIG */
// Runs in the page (Playwright addInitScript) before the popover's own scripts. Plain browser JavaScript: the
// Node-side tsconfig has no DOM types. It stands in for the Electron preload: window.api is a PopoverApi
// (src/shared/ipc.ts) whose getSnapshot returns `CONFIG.vms` VMs and `CONFIG.events` events, and whose
// onStateChanged listener receives updates at exactly the rate the benchmark asks for. Like main, updates are
// coalesced into at most one push per 17 ms (push-coalescer.ts), every push carries what changed since the last
// one like main's (src/main/ipc/push-deltas.ts: deltas on the snapshot the page pulled, or a full one when it
// holds nothing), and every push is a structuredClone, because that is what Electron IPC hands the renderer:
// fresh objects every time. (The clone's serialising half really runs in main; charging it to the page makes
// this slightly pessimistic.)
// It also records what the benchmark reads back: first-render time, long tasks, frames, DOM size.
(() => {
  const hostId = 'farm-1';
  const CYCLE = ['running', 'stopping', 'stopped', 'starting'];
  const start = Date.now();
  const id = (i) => `6c2d1f0a-8b7e-4c33-9a10-${i.toString(16).padStart(12, '0')}`;
  let vms = Array.from({ length: CONFIG.vms }, (_, i) => ({
    hostId,
    id: id(i),
    name: `ci-mac-${String(i + 1).padStart(4, '0')}`,
    state: i % 10 === 0 ? 'stopped' : i % 17 === 0 ? 'suspended' : 'running',
    os: i % 4 < 2 ? 'macosx' : 'ubuntu',
    uptimeSeconds: 3600 + i,
    stateSince: start - i * 1000,
    changedWhileOffline: false,
  }));
  let eventSeq = 0;
  const eventFor = (vm, from, to, at) => ({
    id: String(++eventSeq),
    at,
    hostId,
    kind: 'state-changed',
    vmId: vm.id,
    vmName: vm.name,
    from,
    to,
  });
  let events = Array.from({ length: CONFIG.events }, (_, i) =>
    eventFor(vms[i % vms.length], 'running', 'stopped', start - (CONFIG.events - i) * 1000),
  );
  const snapshot = () => ({
    hosts: [
      {
        id: hostId,
        name: 'Farm 1',
        url: 'https://farm-1.local:3080',
        status: { tag: 'live', since: start - 3_600_000 },
        serverVersion: '1.0.5',
      },
    ],
    vms,
    events,
    pending: [],
    mutedVms: [],
    notificationsPausedUntil: null,
    generatedAt: Date.now(),
  });

  const FIRST_SCREEN_ROWS = 40;
  // Like main's src/shared/snapshot-slices.ts createSnapshotPins: the whole snapshot a partial first screen was cut from is kept
  // for the page's slice pulls ('vm:snapshot-slice', SLICE_VMS VMs each; src/shared/snapshot-slices.ts).
  const SLICE_VMS = 1000;
  let pinned = null;
  let pins = 0;
  const firstScreen = (full) => {
    let kept = 0;
    const vms = full.vms.filter((vm) => vm.state !== 'running' || kept++ < FIRST_SCREEN_ROWS);
    const omitted = full.vms.length - vms.length;
    if (omitted === 0) return withGeneration(full);
    const slices = Math.max(1, Math.ceil(full.vms.length / SLICE_VMS));
    pinned = { id: ++pins, vms: full.vms, slices };
    const rest = withGeneration({ id: pinned.id, slices, total: full.vms.length });
    return { ...full, vms, firstScreen: { omittedRunning: [{ hostId, count: omitted }], rest } };
  };
  const slice = ({ id, index }) => {
    if (pinned === null || pinned.id !== id || index >= pinned.slices)
      return Promise.resolve({ ok: false, error: 'that snapshot is no longer kept' });
    const vms = pinned.vms.slice(index * SLICE_VMS, (index + 1) * SLICE_VMS);
    if (index === pinned.slices - 1) pinned = null;
    return ok(structuredClone({ id, index, vms }));
  };

  const bench = {
    getSnapshotAt: null,
    /** When the page pulled the whole snapshot, or its first slice (after its first-screen frame). */
    wholeSnapshotAt: null,
    renderedAt: null,
    vmRowsAtFirstRender: 0,
    eventRowsAtFirstRender: 0,
    domNodesAtFirstRender: 0,
    longTasks: [],
    updatesStartedAt: null,
    frames: 0,
    delivered: 0,
    pushes: 0,
    done: false,
  };
  window.__bench = bench;

  // Long tasks are observed only once the first render is recorded: the observer's callback is a task of its own,
  // and registered at page start it was delivered inside the first-render window (between the two frames) in a
  // fair share of loads — harness work the app never does. `buffered` still hands it the earlier entries; the
  // update phase counts the tasks that START after it began (updatesStartedAt), whenever they are delivered.
  const observeLongTasks = () =>
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });

  // First render: from the page asking for the snapshot to the frame after VM rows exist (double rAF: the first
  // callback runs before that frame's paint, the second once it has been presented).
  const observer = new MutationObserver(() => {
    if (bench.getSnapshotAt === null || !document.querySelector('[data-testid="vm-row"]')) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        bench.renderedAt = performance.now();
        bench.vmRowsAtFirstRender = document.querySelectorAll('[data-testid="vm-row"]').length;
        bench.eventRowsAtFirstRender = document.querySelectorAll('[data-testid="event-row"]').length;
        bench.domNodesAtFirstRender = document.getElementsByTagName('*').length;
        observeLongTasks();
      }),
    );
  });
  observer.observe(document, { childList: true, subtree: true });

  const listeners = new Set();
  const ok = (value) => Promise.resolve({ ok: true, value });
  let generation = 0;
  /** A push went out since the last resync: pulls are no longer the base (main/ipc/push-deltas.ts adopt). */
  let pushed = false;
  const changedVms = new Map();
  let changedEvents = [];
  // Like main's pull handler + pusher adopt: a whole snapshot the page pulls before any push is remembered as the
  // next generation (what changed is counted from now), and the answer names it, so the first push is a delta.
  const withGeneration = (value) => {
    if (pushed) return value;
    generation += 1;
    changedVms.clear();
    changedEvents = [];
    return { ...value, pushGeneration: generation };
  };
  const api = {
    requestFullState: () => {
      generation = 0; // the next push is full
      pushed = false;
      return ok(undefined);
    },
    // Like main's 'vm:snapshot' (src/main/ipc/handlers.ts): `{ firstScreen: true }` gets only what the first
    // screen shows (src/shared/first-screen.ts, repeated here because this file is plain browser JavaScript:
    // every VM not running, the first FIRST_SCREEN_ROWS running ones, the rest counted), then the rest in
    // slices (getSnapshotSlice), or the whole one when asked without an argument.
    getSnapshot: (request) => {
      if (bench.getSnapshotAt === null) bench.getSnapshotAt = performance.now();
      if (request?.firstScreen === true) return ok(structuredClone(firstScreen(snapshot())));
      if (bench.getSnapshotAt !== null && bench.wholeSnapshotAt === null)
        bench.wholeSnapshotAt = performance.now();
      return ok(structuredClone(withGeneration(snapshot())));
    },
    getSnapshotSlice: (request) => {
      if (bench.wholeSnapshotAt === null) bench.wholeSnapshotAt = performance.now();
      return slice(request);
    },
    runAction: () => ok({ message: 'ok' }),
    setVmMuted: () => ok(undefined),
    reconnect: () => ok(undefined),
    pauseNotifications: () => ok(undefined),
    hide: () => ok(undefined),
    quit: () => ok(undefined),
    openSettings: () => ok(undefined),
    onStateChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onFocusVm: () => () => undefined,
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });

  function update(seq) {
    const index = (seq * 7) % vms.length;
    const old = vms[index];
    const state = CYCLE[(CYCLE.indexOf(old.state) + 1) % CYCLE.length];
    const vm = { ...old, state, stateSince: Date.now() };
    vms = vms.slice();
    vms[index] = vm;
    changedVms.set(vm.id, vm);
    const event = eventFor(vm, old.state, state, Date.now());
    events = [...events.slice(events.length >= CONFIG.events ? 1 : 0), event];
    changedEvents.push(event);
    bench.delivered += 1;
    if (pushTimer === null) pushTimer = window.setTimeout(push, 17);
  }

  let pushTimer = null;
  function push() {
    pushTimer = null;
    pushed = true;
    const payload =
      generation === 0
        ? { generation: ++generation, full: snapshot() }
        : {
            generation: generation + 1,
            delta: {
              base: generation++,
              upserts: [...changedVms.values()],
              events: { changed: changedEvents, oldestId: events[0]?.id ?? null },
              generatedAt: Date.now(),
            },
          };
    changedVms.clear();
    changedEvents = [];
    for (const listener of listeners) listener(structuredClone(payload));
    bench.pushes += 1;
  }

  // `rate` updates per second for `durationMs`, catching up to the exact schedule when a tick is late.
  bench.run = (rate, durationMs) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      bench.updatesStartedAt = t0;
      const total = Math.round((rate * durationMs) / 1000);
      let sent = 0;
      const frame = () => {
        bench.frames += 1;
        if (!bench.done) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      const timer = window.setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000));
        while (sent < due) update(sent++);
        if (sent >= total) {
          window.clearInterval(timer);
          bench.done = true;
          resolve({ elapsedMs: performance.now() - t0 });
        }
      }, 1000 / rate);
    });
})();
