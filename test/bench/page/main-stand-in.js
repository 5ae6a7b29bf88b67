/* global self, HUBWATCH_MAIN, buildBenchFarm */
// Main's stand-in for the popover's first pull: a worker, so main's share of `getSnapshot({ firstScreen: true })`
// runs on a thread of its own, as it does in Electron, where the 'vm:snapshot' handler (src/main/ipc/handlers.ts)
// runs in the main process: main's first-screen cut (src/shared/first-screen.ts, bundled in as HUBWATCH_MAIN) and
// the serialising half of the IPC clone. What lands on the page's thread is what lands on the renderer's: the
// deserialising half (done where the page reads the message), then contextBridge's copy into the page's world
// (stub-api.js). Main is a long-running process with its code compiled: the cut is warmed here before the page asks.
(() => {
  const { firstScreenOf, sortVms } = HUBWATCH_MAIN;
  let farm = null;
  self.onmessage = ({ data }) => {
    if (data.type === 'init') {
      farm = buildBenchFarm(data.config, data.start, sortVms);
      for (let i = 0; i < 5; i++) firstScreenOf(farm.snapshotOf(farm.vms, farm.events));
      self.postMessage({ type: 'ready' });
      void fetch('/__bench/main-ready'); // the server holds the page's scripts until now (lib/stub-page.ts)
      return;
    }
    // 'first-screen': the cut of the farm as built (the page pulls before any update changed it).
    const full = farm.snapshotOf(farm.vms, farm.events);
    const cut = firstScreenOf(full);
    self.postMessage({ type: 'first-screen', whole: cut === full, snapshot: cut });
  };
})();
