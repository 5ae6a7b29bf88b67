// A recording fake AppCore for handler tests: every call is logged so a test can assert "nothing changed".
import type { HostId, Snapshot, VmAction } from '../../../src/shared/model';
import type { AppSettings, ConnectionTestResult, HostInput } from '../../../src/shared/settings';
import type { AppCore } from '../../../src/main/core/ports';
import { snapshotView } from '../../../src/main/core/snapshot-view';
import { emptySnapshot } from '../../support/snapshots';

export type CoreCall = { method: string; args: unknown[] };

export const EMPTY_SNAPSHOT: Snapshot = emptySnapshot();

export function createFakeCore(overrides: Partial<AppCore> = {}): AppCore & { calls: CoreCall[] } {
  const calls: CoreCall[] = [];
  const record = (method: string, args: unknown[]): void => void calls.push({ method, args });
  const core: AppCore & { calls: CoreCall[] } = {
    calls,
    view: snapshotView(() => core.snapshot()),
    configure: (settings: AppSettings) => record('configure', [settings]),
    snapshot: () => EMPTY_SNAPSHOT,
    onChange: () => () => undefined,
    runAction: async (hostId: HostId, vmId: string, action: VmAction, force?: boolean) => {
      record('runAction', [hostId, vmId, action, force]);
      return { message: `${action} ok` };
    },
    setVmMuted: (...args) => record('setVmMuted', args),
    pauseNotifications: (...args) => record('pauseNotifications', args),
    reconnect: (...args) => record('reconnect', args),
    reconcileAll: (...args) => record('reconcileAll', args),
    testConnection: async (host: HostInput, secret: string | null): Promise<ConnectionTestResult> => {
      record('testConnection', [host, secret]);
      return { kind: 'ok', serverVersion: '1.0.5', vmCount: 2, subscriptions: ['health'] };
    },
    stop: async () => record('stop', []),
    ...overrides,
  };
  return core;
}
