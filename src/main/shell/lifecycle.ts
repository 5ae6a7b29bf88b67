// App lifecycle pieces the composition root calls: stay alive with no window, and stop the core (closing sockets,
// flushing the event log) before quitting, with a deadline so a stuck socket never blocks Quit.
import type { App } from 'electron';

const QUIT_DEADLINE_MS = 2_000;

export function setupLifecycle(
  app: App,
  o: {
    stop(): Promise<void> | null;
    onQuitting(): void;
    /** False: a window asks the user first (unsaved settings) and calls app.quit() again itself if they agree. */
    mayQuit?(): boolean;
  },
): void {
  let stopping = false;
  // A menu-bar app lives on with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    // Asked first, before anything stops: a Cancel must leave the app exactly as it was.
    if (!stopping && o.mayQuit?.() === false) {
      event.preventDefault();
      return;
    }
    o.onQuitting();
    if (stopping) return;
    const stop = o.stop();
    if (stop === null) return;
    stopping = true;
    event.preventDefault();
    const deadline = new Promise((resolve) => setTimeout(resolve, QUIT_DEADLINE_MS));
    void Promise.race([stop.catch(() => undefined), deadline]).then(() => app.quit());
  });
}
