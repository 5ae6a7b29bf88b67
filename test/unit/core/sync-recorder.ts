// One HostSync on the fake clock against a real store, with everything its caller sees recorded: each store
// change with its source and reason, whether it came inside a batch, onLive / onWarning / onUnauthorized calls.
// The sync-level tests (connect, re-list, list failures) read what the user would see from here.
import type { ChangeSource, SyncDeps } from '../../../src/main/core/sync';
import { emptyStore, type StoreAction, type StoreState } from '../../../src/main/core/store';
import { getVm } from '../../../src/main/core/store-selectors';
import type { HostWarning } from '../../../src/shared/model';
import { FakeTime } from '../../support/fake-time';
import { applyAction } from './store-apply';
import { FakeRest, fakeTimeSync, settle, vm } from './fake-hub';

export const HOST = 'farm-1';

interface Applied {
  readonly action: StoreAction;
  readonly source: ChangeSource;
  readonly reason: string;
  /** Inside a batch: the batch's number (1, 2, …); null when applied on its own. */
  readonly batch: number | null;
}

export function recordingSync(over: Partial<SyncDeps> = {}) {
  const time = new FakeTime();
  const rest = new FakeRest();
  let state: StoreState = emptyStore;
  const applied: Applied[] = [];
  const warnings: (HostWarning | null)[] = [];
  const unauthorized: string[] = [];
  const events: string[] = [];
  let batches = 0;
  let openBatch: number | null = null;
  const sync = fakeTimeSync(time, rest, {
    hostId: HOST,
    getVm: (id) => getVm(state, HOST, id),
    batch: (run) => {
      openBatch = ++batches;
      try {
        run();
      } finally {
        openBatch = null;
      }
    },
    apply: (action, source, reason) => {
      applied.push({ action, source, reason, batch: openBatch });
      events.push(`apply ${action.type} ${source}`);
      state = applyAction(state, action);
    },
    onLive: () => events.push('live'),
    onUnauthorized: (message) => unauthorized.push(message),
    onWarning: (warning) => warnings.push(warning),
    ...over,
  });
  return {
    sync,
    rest,
    time,
    applied,
    warnings,
    unauthorized,
    /** Store changes and onLive calls, in order. */
    events,
    /** The host's VMs as `name:state`, sorted by id. */
    vms: (): string[] =>
      [...state.vms.values()].sort((a, b) => a.id.localeCompare(b.id)).map((v) => `${v.name}:${v.state}`),
    vm: (id: string) => getVm(state, HOST, id),
    /** Connects and answers the first list with `list`. */
    async goLive(list = [vm('1', 'ci-01', 'running')]): Promise<void> {
      sync.connectionOpened();
      rest.lists.at(-1)?.resolve(list);
      await settle();
    },
  };
}

/** A plain REST failure (the server answered 500, or the request timed out). */
export function listFailure(message: string): Error {
  return new Error(message);
}

/** A REST failure of a given kind (the client's HubRequestError is matched by its `kind`). */
export function kindFailure(kind: string, message: string): Error & { kind: string } {
  return Object.assign(new Error(message), { kind });
}
