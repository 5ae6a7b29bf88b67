// A NotifyRunner on the fake clock with the core's default window and cap, recording what it shows: the start of
// every runner test, so a new runner option is added here once.
import { NotifyRunner } from '../../src/main/notify/runner';
import type { NotificationIntent } from '../../src/main/notify/intent';
import { DEFAULT_NOTIFICATION_RULES } from '../../src/shared/settings';
import { FakeTime } from './fake-time';
import { silentLogger } from './silent-logger';

type RunnerOptions = ConstructorParameters<typeof NotifyRunner>[0];

export function fakeTimeRunner(over: Partial<RunnerOptions> = {}): {
  time: FakeTime;
  shown: NotificationIntent[];
  runner: NotifyRunner;
} {
  const time = new FakeTime();
  const shown: NotificationIntent[] = [];
  const runner = new NotifyRunner({
    clock: time,
    timers: time,
    sink: { show: (i) => shown.push(i) },
    logger: silentLogger,
    rules: DEFAULT_NOTIFICATION_RULES,
    windowMs: 3_000,
    rateCapPerMinute: 6,
    onChange: () => undefined,
    isOutage: () => false,
    ...over,
  });
  return { time, shown, runner };
}
