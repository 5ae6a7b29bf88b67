// The core's notification runner: the policy's windows and caps from the core's options, and how it asks whether a
// host is still in an outage (and why) when its "lost > N s" timer fires.
import type { ConnectionStatus, HostId } from '../../shared/model';
import { credentialNoun, DEFAULT_NOTIFICATION_RULES, type AuthMethod } from '../../shared/settings';
import type { Clock, Timers } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { NotificationSink } from '../notify/intent';
import { NotifyRunner } from '../notify/runner';
import type { AppCoreOptions } from './app-core-types';

export function createNotifyRunner(d: {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  sink: NotificationSink;
  options: AppCoreOptions;
  onChange: () => void;
  statusOf: (hostId: HostId) => ConnectionStatus | undefined;
  authOf: (hostId: HostId) => AuthMethod | undefined;
}): NotifyRunner {
  const opt = d.options;
  return new NotifyRunner({
    clock: d.clock,
    timers: d.timers,
    sink: d.sink,
    logger: d.logger,
    rules: DEFAULT_NOTIFICATION_RULES,
    windowMs: opt.coalesceWindowMs ?? 3_000,
    rateCapPerMinute: opt.notificationRateCapPerMinute ?? 6,
    onChange: d.onChange,
    ...(opt.farmUnreachableWindowMs === undefined
      ? {}
      : { farmUnreachableWindowMs: opt.farmUnreachableWindowMs }),
    isOutage: (hostId) => {
      const s = d.statusOf(hostId);
      return s !== undefined && s.tag !== 'live' && s.tag !== 'syncing';
    },
    outageCause: (hostId) => {
      const tag = d.statusOf(hostId)?.tag;
      if (tag === 'auth-failed')
        return { cause: 'credentials', credential: credentialNoun(d.authOf(hostId)) };
      return { cause: tag === 'tls-untrusted' ? 'certificate' : 'unreachable' };
    },
  });
}
