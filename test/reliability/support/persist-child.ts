// Child process for the persistence test: writes the event log (the app's file repository) and the settings (conf,
// the atomic-write layer under electron-store, with the app's stored-settings shape) in a tight loop, printing
// "E <n>" / "S <n>" after each write is acknowledged. The parent SIGKILLs it at random moments.
// argv: <dir> <generation start>
import path from 'node:path';
import { createFileEventLogRepository } from '../../../src/main/persist/event-log-file';
import { silentLogger } from '../../support/silent-logger';
import { hostConfig } from '../../support/host-config';
import { openConfSettings } from './conf-settings';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { HubEvent } from '../../../src/shared/model';

const [dir = '.', startArg = '0'] = process.argv.slice(2);
const repo = createFileEventLogRepository(path.join(dir, 'events.json'), silentLogger);
// The shell's own persistence logic over conf (electron-store = conf + Electron paths), as settings-store.ts wires it.
const settingsStore = openConfSettings(dir, silentLogger);
settingsStore.load();

function event(n: number): HubEvent {
  // A fat entry so a write takes long enough to be interrupted half-way.
  return {
    id: String(n),
    at: n,
    hostId: 'farm-1',
    kind: 'state-changed',
    vmId: `vm-${n % 40}`,
    vmName: `ci-mac-${'x'.repeat(200)}`,
    from: 'running',
    to: 'stopped',
  };
}

async function main(): Promise<void> {
  const loaded = await repo.load();
  let n = Math.max(Number(startArg), ...loaded.map((e) => Number(e.id)));
  const events = [...loaded];
  process.stdout.write('READY\n');
  for (;;) {
    n++;
    events.push(event(n));
    if (events.length > 500) events.splice(0, events.length - 500);
    await repo.save(events);
    process.stdout.write(`E ${n}\n`);
    settingsStore.save({
      ...DEFAULT_SETTINGS,
      hosts: Array.from({ length: 20 }, (_, i) =>
        hostConfig({
          id: `h-${i}`,
          name: i === 0 ? `gen-${n}` : `host ${i} ${'y'.repeat(80)}`,
          url: `http://10.0.0.${i}:3080`,
        }),
      ),
    });
    process.stdout.write(`S ${n}\n`);
  }
}

void main();
