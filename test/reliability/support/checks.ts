// Consistency checks shared by the fault scenarios.
import type { NotificationIntent } from '../../../src/main/notify/intent';
import type { HubEvent } from '../../../src/shared/model';
import { normalizeVmId } from '../../../src/shared/model';

/** Event-log invariants: ids strictly increasing; per VM, each state change starts where the previous one ended. */
export function eventLogProblems(events: readonly HubEvent[]): string[] {
  const problems: string[] = [];
  let lastId = 0;
  const lastTo = new Map<string, string>();
  for (const e of events) {
    const id = Number(e.id);
    if (!(id > lastId)) problems.push(`id ${e.id} not increasing after ${lastId}`);
    lastId = id;
    if (e.kind === 'state-changed' && e.vmId !== undefined) {
      const key = normalizeVmId(e.vmId);
      const prev = lastTo.get(key);
      if (prev !== undefined && e.from !== undefined && prev !== e.from)
        problems.push(`#${e.id} ${key}: from ${e.from} but last known ${prev}`);
      if (e.from === e.to) problems.push(`#${e.id} ${key}: no-op change ${e.from} -> ${e.to}`);
      if (e.to !== undefined) lastTo.set(key, e.to);
    }
    if (e.kind === 'removed' && e.vmId !== undefined) lastTo.delete(normalizeVmId(e.vmId));
  }
  return problems;
}

/** Every logged transition into `stopped` has exactly one per-VM notification, and nothing else notified twice. */
export function stopNotificationProblems(
  events: readonly HubEvent[],
  notifications: readonly NotificationIntent[],
): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const n of notifications) {
    if (ids.has(n.id)) problems.push(`duplicate notification id ${n.id}`);
    ids.add(n.id);
    if (n.vmId === undefined && !n.id.startsWith('host'))
      problems.push(`summary notification (cannot be attributed): ${n.title}`);
  }
  const expected = new Map<string, number>();
  for (const e of events) {
    if (e.kind === 'state-changed' && e.to === 'stopped' && e.vmId) {
      const k = normalizeVmId(e.vmId);
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
  }
  const actual = new Map<string, number>();
  for (const n of notifications) {
    if (n.vmId === undefined || !/stopped/i.test(n.title)) continue;
    const k = normalizeVmId(n.vmId);
    actual.set(k, (actual.get(k) ?? 0) + 1);
  }
  for (const k of new Set([...expected.keys(), ...actual.keys()])) {
    if ((expected.get(k) ?? 0) !== (actual.get(k) ?? 0))
      problems.push(`${k}: ${expected.get(k) ?? 0} stops logged, ${actual.get(k) ?? 0} stop notifications`);
  }
  return problems;
}
