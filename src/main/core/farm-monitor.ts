// The farm monitor: an orchestrator entry watched by HostMonitor's connection rules (reconnect, backoff, liveness,
// health probe, auth and TLS verdicts, outages: reused, not copied) with a farm session in place of a single host's
// (orchestrator-protocol.md §6): the orchestrator's REST and its `orchestrator` channel only (§1.2), FarmSync's §6.2
// connect and §6.3/§6.4 rules, and VM actions through `PUT /orchestrator/machines/{id}/{action}` (§6.7).
import type { VmAction } from '../../shared/model';
import { forwardingRefusal, type FarmRestPort } from './hub-ports';
import type { SessionBuilder } from './monitor-session';
import type { FarmState } from './farm-state';
import { FarmSync } from './farm-sync';
import type { FarmHooks, FarmTimings } from './farm-types';

export interface FarmSessionOptions {
  state: FarmState;
  hooks: FarmHooks;
  timings?: Partial<FarmTimings>;
  random?: () => number;
  /** An action's result is awaited as an event this long, then read with /status (default 10 s). */
  actionConfirmMs?: number;
}

/**
 * The orchestrator forwarded the action with GET and a v1.0.5+ host refused it (§2.6). `farmHostUrl` lets the
 * caller run it directly on a configured single-host entry for the same Mac (§6.7).
 */
export class FarmActionRefusedError extends Error {
  constructor(
    readonly farmHostName: string,
    readonly farmHostUrl: string,
    readonly serverMessage: string,
  ) {
    super(
      `The orchestrator cannot forward actions to ${farmHostName} (a v1.0.5+ host refuses the orchestrator's GET). ` +
        `Nothing was done. Add ${farmHostName} as its own host in Settings to act on it from Hubwatch, ` +
        `or run the action on ${farmHostName} directly.`,
    );
    this.name = 'FarmActionRefusedError';
  }
}

/** The settled state each action leads to: what confirms it. */
const EXPECTED: Record<VmAction, readonly string[]> = {
  start: ['running'],
  stop: ['stopped'],
  restart: ['running'],
  suspend: ['suspended'],
  resume: ['running'],
  reset: ['running'],
  pause: ['paused'],
};

export function farmSession(o: FarmSessionOptions): SessionBuilder {
  return (config, auth, factory, client, hooks) => {
    if (!factory.createFarm) throw new Error('This build cannot watch an orchestrator.');
    const { farm, connection } = factory.createFarm(config, auth, client);
    const sync = new FarmSync({
      ...hooks,
      farm,
      state: o.state,
      hooks: o.hooks,
      ...(o.timings ? { timings: o.timings } : {}),
      ...(o.random ? { random: o.random } : {}),
    });
    return {
      connection,
      sync,
      runAction: (vmId, action, force, farmHostId) =>
        runFarmAction(farm, sync, o, vmId, action, force ?? false, farmHostId),
      serverInfo: () => farm.serverInfo(),
    };
  };
}

async function runFarmAction(
  farm: FarmRestPort,
  sync: FarmSync,
  o: FarmSessionOptions,
  vmId: string,
  action: VmAction,
  force: boolean,
  farmHostId: string | undefined,
): Promise<{ message: string }> {
  if (farmHostId === undefined)
    throw new Error('This VM is behind an orchestrator: its farm host is required.');
  const host = o.state.host(farmHostId);
  if (!host) throw new Error('This farm host is no longer registered with the orchestrator.');
  const expected = EXPECTED[action];
  // Listen before asking: the event can arrive before the 200 does.
  const confirmed = sync.followUps.waiters.waitForState(
    farmHostId,
    vmId,
    expected,
    o.actionConfirmMs ?? 10_000,
  );
  let answer: { message: string };
  try {
    answer = await farm.runAction(vmId, action, force);
  } catch (err) {
    sync.followUps.waiters.cancelWait(farmHostId, vmId);
    const refused = forwardingRefusal(err);
    if (refused !== null) throw new FarmActionRefusedError(host.name, host.url, refused);
    throw err;
  }
  // §6.7: confirm by event or /status, never by the 200 alone.
  const seen = await confirmed;
  if (seen !== null && seen !== '') return { message: `${answer.message} (${seen})` };
  const live = (await sync.followUps.readLive(farmHostId, [vmId], 'confirm')).get(vmId);
  if (live !== undefined && expected.includes(live.toLowerCase()))
    return { message: `${answer.message} (${live}, read from the host)` };
  throw new Error(
    `The orchestrator accepted "${action}", but ${host.name} reports the VM ${live ?? 'without a readable state'}.`,
  );
}
