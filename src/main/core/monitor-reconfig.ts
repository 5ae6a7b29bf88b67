// What a settings save means for a host that is already being watched. Pure, so app-core's configure() only
// carries the verdict out.
import type { HostConfig } from '../../shared/settings';
import { sameIdentity } from './snapshot';

/**
 * - `forget`: the host is gone, or is now a different server/identity/kind: stop it and drop its VMs and state.
 * - `restart`: same host, new TLS pin: stop the monitor but keep its slice (the next list is diffed).
 * - `keep`: nothing the monitor depends on changed.
 */
export type MonitorReconfig = 'forget' | 'restart' | 'keep';

export function monitorReconfig(
  running: HostConfig,
  saved: HostConfig | undefined,
  watchedAsFarm: boolean,
): MonitorReconfig {
  if (!saved || !sameIdentity(running, saved)) return 'forget';
  // The user chose the other kind than the one being watched: start over as that kind.
  if (saved.kind !== undefined && (saved.kind === 'orchestrator') !== watchedAsFarm) return 'forget';
  if (running.pinnedFingerprint !== saved.pinnedFingerprint) return 'restart';
  return 'keep';
}
