// After sleep or a network change every socket is suspect: reconnect now (skipping backoff) and re-fetch every
// list so stops that happened meanwhile are found. Electron objects are injected (powerMonitor, net.isOnline).
// Electron's main process has no "network changed" event, so connectivity is polled cheaply.
import type { AppCore } from '../core/ports';
import type { Logger } from '../kernel/logger';
import type { TimerHandle, Timers } from '../kernel/clock';

export interface PowerMonitorLike {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

const ONLINE_POLL_MS = 10_000;

export function watchPowerAndNetwork(o: {
  powerMonitor: PowerMonitorLike;
  isOnline(): boolean;
  core: Pick<AppCore, 'reconnect' | 'reconcileAll'>;
  timers: Timers;
  logger: Logger;
  pollMs?: number;
}): () => void {
  const pollMs = o.pollMs ?? ONLINE_POLL_MS;
  const refresh = (reason: string): void => {
    o.logger.info('refreshing all hosts', { reason });
    // 'system': hosts halted on rejected credentials wait for the user (no sign-in storm on every wake-up).
    o.core.reconnect(null, 'system');
    o.core.reconcileAll(reason);
  };
  const onResume = (): void => refresh('system-resume');
  const onUnlock = (): void => refresh('screen-unlock');
  o.powerMonitor.on('resume', onResume);
  o.powerMonitor.on('unlock-screen', onUnlock);

  let online = o.isOnline();
  let timer: TimerHandle | null = null;
  let stopped = false;
  const poll = (): void => {
    if (stopped) return;
    const now = o.isOnline();
    if (now && !online) refresh('network-online');
    online = now;
    timer = o.timers.setTimeout(poll, pollMs);
  };
  timer = o.timers.setTimeout(poll, pollMs);

  return () => {
    stopped = true;
    if (timer !== null) o.timers.clearTimeout(timer);
    o.powerMonitor.removeListener('resume', onResume);
    o.powerMonitor.removeListener('unlock-screen', onUnlock);
  };
}
