/* global window, document, MutationObserver, requestAnimationFrame, Worker, CONFIG, HUBWATCH_MAIN,
   HUBWATCH_PRELOAD, buildBenchFarm */
// Runs in the page (Playwright addInitScript) before the popover's own scripts. Plain browser JavaScript: the
// Node-side tsconfig has no DOM types. It stands in for Electron around the popover's REAL preload (bundled in as
// HUBWATCH_PRELOAD): ipcRenderer (main's invoke handlers and pushes) and contextBridge. The page's window.api is
// that preload's PopoverApi (src/shared/ipc.ts); its getSnapshot returns `CONFIG.vms` VMs and `CONFIG.events`
// events (farm.js), and its onStateChanged listener receives updates at exactly the rate the benchmark asks for. Like main, updates are
// coalesced into at most one push per 17 ms (push-coalescer.ts), every push carries what changed since the last
// one like main's (src/main/ipc/push-deltas.ts: deltas on the snapshot the page pulled, or a full one when it
// holds nothing), and everything main hands the page is copied on the page's thread, because Electron hands the
// renderer fresh objects every time: IPC deserialises them, then contextBridge copies them into the page's world
// ("all other values are copied", electron docs/api/context-bridge.md; PassValueToOtherContext in
// shell/renderer/api/electron_api_context_bridge.cc copies plain objects and arrays member by member).
// The first pull is answered by main's stand-in, a worker (main-stand-in.js): main's cut runs on another thread as
// in Electron, and the page pays the deserialisation and a structuredClone for contextBridge's copy. Pushes and
// slices are one structuredClone on the page (its serialising half stands for the bridge's copy).
// It also records what the benchmark reads back: first-render time, long tasks, frames, DOM size.
(() => {
  const { sortVms } = HUBWATCH_MAIN;
  const CYCLE = ['running', 'stopping', 'stopped', 'starting'];
  const start = Date.now();
  const built = buildBenchFarm(CONFIG, start, sortVms);
  const { eventFor } = built;
  let vms = built.vms;
  let events = built.events;
  const snapshot = () => built.snapshotOf(vms, events);

  // Main's stand-in, built from the same CONFIG and start time: it cuts the first screen from the same VMs.
  const main = new Worker('/__bench/main-stand-in.js');
  let mainReady = false;
  const firstScreenAnswers = [];
  main.onmessage = ({ data }) => {
    if (data.type === 'ready') mainReady = true;
    else firstScreenAnswers.shift()?.(data);
  };
  main.postMessage({ type: 'init', config: CONFIG, start });
  /** Main's first-screen answer (deserialised here, on the page's thread, like an IPC reply). */
  const askMain = () =>
    new Promise((resolve) => {
      firstScreenAnswers.push(resolve);
      main.postMessage({ type: 'first-screen' });
    });

  // Like main's src/shared/snapshot-slices.ts createSnapshotPins: the whole snapshot a partial first screen was cut
  // from is kept for the page's slice pulls ('vm:snapshot-slice', SLICE_VMS VMs each).
  const SLICE_VMS = 1000;
  let pinned = null;
  let pins = 0;
  // Main's answer as the page gets it: the whole snapshot (nothing was cut), or the cut with the page's own VMs
  // (the same ones main cut from) pinned for the slices.
  const firstScreen = ({ whole, snapshot: cut }) => {
    if (whole) return withGeneration(cut);
    const slices = Math.max(1, Math.ceil(vms.length / SLICE_VMS));
    pinned = { id: ++pins, vms, slices };
    const rest = withGeneration({ id: pinned.id, slices, total: vms.length });
    return { ...cut, firstScreen: { ...cut.firstScreen, rest } };
  };
  const slice = ({ id, index }) => {
    if (pinned === null || pinned.id !== id || index >= pinned.slices)
      return Promise.resolve({ ok: false, error: 'that snapshot is no longer kept' });
    const vms = pinned.vms.slice(index * SLICE_VMS, (index + 1) * SLICE_VMS);
    if (index === pinned.slices - 1) pinned = null;
    return ok({ id, index, vms });
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
    /** Page's first pulls made while main's stand-in was still warming up (its wait is then inside the window). */
    mainNotReady: 0,
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
        console.debug('__bench:first-render'); // lib/stub-page.ts firstRenderSignal: the harness never polls
      }),
    );
  });
  observer.observe(document, { childList: true, subtree: true });

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
  // Main's invoke handlers (src/main/ipc/handlers.ts), by channel. Their answers are copied on the way to the page
  // (the bridge below), not here.
  const handlers = {
    'state:resync': () => {
      generation = 0; // the next push is full
      pushed = false;
      return ok(undefined);
    },
    // 'vm:snapshot': `{ firstScreen: true }` gets only what the first screen shows (cut by main's stand-in with
    // main's own src/shared/first-screen.ts), then the rest in slices ('vm:snapshot-slice'), or the whole one when
    // asked without an argument.
    'vm:snapshot': (request) => {
      if (request?.firstScreen === true)
        return askMain().then((answer) => {
          const first = firstScreen(answer);
          firstPull ??= first;
          return { ok: true, value: first };
        });
      if (bench.getSnapshotAt !== null && bench.wholeSnapshotAt === null)
        bench.wholeSnapshotAt = performance.now();
      return ok(withGeneration(snapshot()));
    },
    'vm:snapshot-slice': (request) => {
      if (bench.wholeSnapshotAt === null) bench.wholeSnapshotAt = performance.now();
      return slice(request);
    },
  };
  // The preload's ipcRenderer (the popover's REAL preload, src/preload/popover-api.ts, is bundled in as
  // HUBWATCH_PRELOAD with 'electron' resolved to this): an invoke is answered in a task of its own, never in the
  // caller's (main's stand-in worker answers in one anyway), because Electron's reply comes back from the main process over IPC (electron
  // lib/renderer/api/ipc-renderer.ts invoke awaits ipc.invoke). A reply the page could read in the same task as
  // its ask was kinder than Electron: the page then never painted anything before its data arrived.
  const hop = new MessageChannel();
  const hops = [];
  hop.port1.onmessage = () => hops.shift()?.();
  const nextTask = () =>
    new Promise((resolve) => {
      hops.push(resolve);
      hop.port2.postMessage(null);
    });
  const ipcListeners = new Map();
  window.__benchIpc = {
    // Sent at once (Electron's invoke posts its message to main synchronously); answered in a later task.
    invoke: (channel, arg) => {
      const answer = handlers[channel]?.(arg) ?? ok(channel === 'vm:action' ? { message: 'ok' } : undefined);
      return answer.then((value) => nextTask().then(() => value));
    },
    on: (channel, listener) => {
      if (!ipcListeners.has(channel)) ipcListeners.set(channel, new Set());
      ipcListeners.get(channel).add(listener);
    },
    removeListener: (channel, listener) => ipcListeners.get(channel)?.delete(listener),
  };
  const emit = (channel, payload) => {
    for (const listener of ipcListeners.get(channel) ?? []) listener({}, payload);
  };

  // contextBridge between the preload and the page: every value main's answers and pushes carry is copied into
  // the page's world (structuredClone here; for pushes and slices its serialising half also stands for IPC's).
  // The first pull records when the PAGE asked: the window starts there, whatever the preload asked before.
  const preload = HUBWATCH_PRELOAD.createPopoverApi();
  const api = {};
  for (const [name, fn] of Object.entries(preload)) {
    api[name] = name.startsWith('on')
      ? (listener) => fn((payload) => listener(structuredClone(payload)))
      : (...args) => {
          if (name === 'getSnapshot' && bench.getSnapshotAt === null) {
            bench.getSnapshotAt = performance.now();
            if (!mainReady) bench.mainNotReady += 1;
          }
          return fn(...args).then((result) => structuredClone(result));
        };
  }
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
    emit('state:changed', payload);
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
