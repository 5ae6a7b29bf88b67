// A VM row's second line, stable (issue 14 item 7): always the state and how long it has held, so the eye finds
// the same thing in the same place on every row. It used to switch between uptime, OS name and time since change
// depending on what was known. Busy and stale rows keep their own line (an action's progress, "as of <time>").
import type { Vm } from '../../../shared/model';
import { formatUptime, relativeTime } from '../lib/format';

export function vmSecondLine(vm: Vm, stateLabel: string, now: number): string {
  const running = vm.state === 'running';
  // Uptime is the server's own "since" for a running VM (it survives a Hubwatch restart; stateSince does not).
  if (running && vm.uptimeSeconds !== undefined)
    return `${stateLabel} · up ${formatUptime(vm.uptimeSeconds)}`;
  // A state Hubwatch did not see begin has no honest "since": the state alone, never the OS in its place.
  if (vm.stateSince === null) return stateLabel;
  return `${stateLabel} · ${relativeTime(vm.stateSince, now)}`;
}
