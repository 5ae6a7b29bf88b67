// A real app core over the scriptable hub (fake-hub.ts) with `hosts` live hosts of `perHost` running VMs each:
// for tests of what reads the core on every change (pushes, the tray).
import { createAppCore, type AppCoreDiagnostics } from '../../../src/main/core/app-core';
import type { AppCore } from '../../../src/main/core/ports';
import { DEFAULT_SETTINGS, type HostConfig } from '../../../src/shared/settings';
import { silentLogger } from '../../support/silent-logger';
import { FakeTime } from '../../support/fake-time';
import { FakeHub, settle, vm } from './fake-hub';

const host = (id: string): HostConfig => ({
  id,
  name: `Farm ${id}`,
  url: 'http://127.0.0.1:3080',
  auth: 'token',
  username: '',
  pinnedFingerprint: null,
  enabled: true,
});

let core: (AppCore & AppCoreDiagnostics) | null = null;

/** Stops the core of the last farm (call after each test). */
export async function stopFarm(): Promise<void> {
  await core?.stop();
  core = null;
}

/** `hosts` hosts × `perHost` VMs, all live. */
export async function farm(hosts: number, perHost: number) {
  const time = new FakeTime();
  const hub = new FakeHub();
  core = await createAppCore({
    clock: time,
    timers: time,
    logger: silentLogger,
    eventLog: { load: async () => [], save: async () => undefined },
    notifier: { show: () => undefined },
    secrets: { getSecret: async () => 'tok' },
    hubFactory: hub,
  });
  const ids = Array.from({ length: hosts }, (_, i) => `h${i}`);
  core.configure({ ...DEFAULT_SETTINGS, hosts: ids.map(host) });
  await settle();
  for (const id of ids) {
    const c = hub.last(id);
    c.connection.open();
    c.rest.lists
      .at(-1)
      ?.resolve(Array.from({ length: perHost }, (_, v) => vm(`${id}-vm-${v}`, `ci-${id}-${v}`, 'running')));
  }
  await settle();
  return { hub, core, time };
}
