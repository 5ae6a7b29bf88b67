/* global window, document, MutationObserver, requestAnimationFrame, CONFIG, HUBWATCH_MAIN */
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
  // Main's own modules (bundled from src/shared by measure/render.ts stubScript): the first-screen cut and the
  // VM order, so the page gets exactly what main would send it.
  const { firstScreenOf, sortVms } = HUBWATCH_MAIN;
  const CYCLE = ['running', 'stopping', 'stopped', 'starting'];
  const start = Date.now();
  const id = (i) => `6c2d1f0a-8b7e-4c33-9a10-${i.toString(16).padStart(12, '0')}`;
  // The farm's shape: one host entry, or (CONFIG.groups > 1, the farm: 100 Macs × 40 VMs) one orchestrator
  // entry relaying CONFIG.groups Macs, each VM carrying its Mac's orchestrator id (farmHostId) like core's farm
  // monitor sets it, and the page grouping them by Mac (renderer/src/lib/vm-groups.ts).
  const farm = CONFIG.groups > 1;
  const hostId = farm ? 'orch-1' : 'farm-1';
  const perGroup = farm ? Math.ceil(CONFIG.vms / CONFIG.groups) : CONFIG.vms;
  const macName = (g) => `mac-${String(g + 1).padStart(3, '0')}`;
  const farmHosts = farm
    ? Array.from({ length: CONFIG.groups }, (_, g) => ({
        id: `host-${id(g).slice(-8)}`,
        name: macName(g),
        url: `https://${macName(g)}.farm.local:3080`,
        state: 'live',
      }))
    : undefined;
  // A CI farm's mix: mostly running, many stopped long ago (stateSince null: already stopped when Hubwatch first
  // listed them), some suspended, a few stopped in the last minutes, a few mid-transition and a few in error.
  const stateOf = (i) =>
    i % 397 === 5
      ? ['stopped', start - (i % 7) * 60_000]
      : i % 499 === 7
        ? ['starting', start - 5_000]
        : i % 997 === 11
          ? ['invalid', null]
          : i % 10 === 0
            ? ['stopped', null]
            : i % 17 === 0
              ? ['suspended', null]
              : ['running', start - i * 1000];
  let vms = sortVms(
    Array.from({ length: CONFIG.vms }, (_, i) => {
      const [state, stateSince] = stateOf(i);
      const g = Math.floor(i / perGroup);
      return {
        hostId,
        ...(farm ? { farmHostId: farmHosts[g].id } : {}),
        id: id(i),
        name: farm
          ? `ci-${macName(g)}-${String((i % perGroup) + 1).padStart(2, '0')}`
          : `ci-mac-${String(i + 1).padStart(4, '0')}`,
        state,
        os: i % 4 < 2 ? 'macosx' : 'ubuntu',
        uptimeSeconds: 3600 + i,
        stateSince,
        changedWhileOffline: false,
      };
    }),
    [hostId],
  );
  let eventSeq = 0;
  const eventFor = (vm, from, to, at) => ({
    id: String(++eventSeq),
    at,
    hostId,
    kind: 'state-changed',
    vmId: vm.id,
    ...(vm.farmHostId === undefined ? {} : { farmHostId: vm.farmHostId }),
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
        ...(farm ? { kind: 'orchestrator', farmHosts } : {}),
        name: farm ? 'Orchestrator 1' : 'Farm 1',
        url: farm ? 'https://orchestrator.farm.local:3080' : 'https://farm-1.local:3080',
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

  // Like main's src/shared/snapshot-slices.ts createSnapshotPins: the whole snapshot a partial first screen was cut
  // from is kept for the page's slice pulls ('vm:snapshot-slice', SLICE_VMS VMs each).
  const SLICE_VMS = 1000;
  let pinned = null;
  let pins = 0;
  const firstScreen = (full) => {
    const cut = firstScreenOf(full);
    if (cut.firstScreen === undefined) return withGeneration(full);
    const slices = Math.max(1, Math.ceil(full.vms.length / SLICE_VMS));
    pinned = { id: ++pins, vms: full.vms, slices };
    const rest = withGeneration({ id: pinned.id, slices, total: full.vms.length });
    return { ...cut, firstScreen: { ...cut.firstScreen, rest } };
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
    /**
     * The first pull's VMs and its size as JSON (what the structured clone before the first frame carries), filled
     * in by measureFirstPull() after the first render so the JSON.stringify is not timed as the page's work.
     */
    firstPullVms: 0,
    firstPullBytes: 0,
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
  let firstPull = null;
  Object.defineProperty(bench, 'measureFirstPull', {
    value: () => {
      if (firstPull === null) return;
      bench.firstPullVms = firstPull.vms.length;
      bench.firstPullBytes = JSON.stringify(firstPull).length;
    },
  });

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
  // Main's cut runs in main, a long-running process where it is compiled, not cold: it is warmed here (results
  // dropped; run cold in the page it was ~40 ms of the window's JS at 4,000 VMs, against ~1.5 ms warm in Node), and
  // the first answer is still cut when the page asks, so main's share stays inside the first-render window.
  for (let i = 0; i < 5; i++) firstScreenOf(snapshot());
  const api = {
    requestFullState: () => {
      generation = 0; // the next push is full
      pushed = false;
      return ok(undefined);
    },
    // Like main's 'vm:snapshot' (src/main/ipc/handlers.ts): `{ firstScreen: true }` gets only what the first
    // screen shows (main's own src/shared/first-screen.ts, bundled in), then the rest in slices
    // (getSnapshotSlice), or the whole one when asked without an argument.
    getSnapshot: (request) => {
      if (bench.getSnapshotAt === null) bench.getSnapshotAt = performance.now();
      if (request?.firstScreen === true) {
        const first = firstScreen(snapshot());
        firstPull ??= first;
        return ok(structuredClone(first));
      }
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
