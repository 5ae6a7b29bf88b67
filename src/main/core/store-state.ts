// The VM store's state type, apart from store.ts so that the selectors (store-selectors.ts) can read it without
// importing the reducer that re-exports them (an import cycle).
import type { ConnectionStatus, HostId, Vm } from '../../shared/model';

export interface StoreState {
  /** Keyed by vmKey(hostId, id). */
  readonly vms: ReadonlyMap<string, Vm>;
  readonly hosts: ReadonlyMap<HostId, ConnectionStatus>;
}
