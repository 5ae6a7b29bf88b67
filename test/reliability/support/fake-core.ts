// An AppCore that only records what it was asked to do: the IPC tests prove hostile input never reaches it.
import type { AppCore } from '../../../src/main/core/ports';
import { snapshotView } from '../../../src/main/core/snapshot-view';
import type { Snapshot } from '../../../src/shared/model';
import { emptySnapshot } from '../../support/snapshots';

export interface RecordingCore extends AppCore {
  readonly calls: string[];
}

export function createRecordingCore(): RecordingCore {
  const calls: string[] = [];
  const snapshot: Snapshot = emptySnapshot();
  return {
    calls,
    view: snapshotView(() => snapshot),
    configure: () => void calls.push('configure'),
    snapshot: () => snapshot,
    onChange: () => () => undefined,
    runAction: async () => {
      calls.push('runAction');
      return { message: 'ok' };
    },
    setVmMuted: () => void calls.push('setVmMuted'),
    pauseNotifications: () => void calls.push('pauseNotifications'),
    reconnect: () => void calls.push('reconnect'),
    reconcileAll: () => void calls.push('reconcileAll'),
    testConnection: async () => {
      calls.push('testConnection');
      return { kind: 'error', detail: 'recording core' };
    },
    stop: async () => undefined,
  };
}
