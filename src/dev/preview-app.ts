// The web preview of the real app: the real core (HostMonitor, store, event log, notify policy), the real invoke
// handlers and the real renderer pages, with a local WebSocket bridge in place of Electron IPC. Used by
// `npm run preview:web`, `npm run demo:web` and the browser end-to-end tests.
import { fileURLToPath } from 'node:url';
import type { HubEvent } from '../shared/model';
import type { AppSettings, HostInput } from '../shared/settings';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { createApp } from '../main/app';
import type { AppCoreOptions } from '../main/core/app-core-types';
import { createMemorySecretStore, createMemorySettingsPersistence } from '../main/ipc/settings-service';
import { createPushCoalescer } from '../main/ipc/push-coalescer';
import { createStatePusher } from '../main/ipc/push-deltas';
import { systemClock, systemTimers, type Timers } from '../main/kernel/clock';
import type { EventLogRepository } from '../main/persist/event-log-repository';
import type { Logger } from '../main/kernel/logger';
import type { NotificationIntent } from '../main/notify/intent';
import { createLogger } from '../main/shell/logger';
import { startPreviewServer, type PreviewServer } from './bridge/server';

export interface WebPreviewOptions {
  /** Hosts to configure at start (secrets included: they go to the in-memory secret store, never to a page). */
  readonly hosts: readonly HostInput[];
  readonly port?: number;
  readonly rendererDir?: string;
  readonly coreOptions?: AppCoreOptions;
  readonly settings?: Partial<Omit<AppSettings, 'hosts'>>;
  /** Where notification lines and window requests are written (stdout by default). */
  readonly output?: (line: string) => void;
  readonly logger?: Logger;
  /** The core's timers (default: the system ones); e2e tests pass recording timers to prove windows have passed. */
  readonly timers?: Timers;
}

export interface WebPreview {
  readonly server: PreviewServer;
  close(): Promise<void>;
}

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

function memoryEventLog(): EventLogRepository {
  let stored: readonly HubEvent[] = [];
  return {
    load: () => Promise.resolve(stored),
    save: (events) => {
      stored = events;
      return Promise.resolve();
    },
  };
}

// The app's redacting logger; stderr only, because stdout carries the preview line and notification JSON lines.
const stderrLogger: Logger = createLogger({ writers: [(line) => process.stderr.write(`${line}\n`)] });

export async function startWebPreview(options: WebPreviewOptions): Promise<WebPreview> {
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logger = options.logger ?? stderrLogger;
  const notifier = {
    show(intent: NotificationIntent): void {
      const { hostId, vmId, farmHostId, title, body } = intent;
      // A farm VM's notification also names its farm host (the VM's data-host-id in the popover).
      const farm = farmHostId === undefined ? {} : { farmHostId };
      output(JSON.stringify({ notification: { hostId, vmId: vmId ?? null, ...farm, title, body } }));
    },
  };
  const app = await createApp({
    clock: systemClock,
    timers: options.timers ?? systemTimers,
    logger,
    settingsStore: createMemorySettingsPersistence({ ...DEFAULT_SETTINGS, ...options.settings, hosts: [] }),
    secrets: createMemorySecretStore(),
    eventLog: memoryEventLog(),
    notifier,
    seedSettings: (settings) => {
      const current = settings.current();
      return settings.save({
        hosts: options.hosts,
        notifications: current.notifications,
        showTrayCount: current.showTrayCount,
        launchAtLogin: current.launchAtLogin,
      });
    },
    ...(options.coreOptions ? { coreOptions: options.coreOptions } : {}),
  });
  const { core, settings } = app;

  let server: PreviewServer | null = null;
  const handlers = app.invokeHandlers({
    hidePopover: () => output(JSON.stringify({ window: 'hide-popover' })),
    quit: () => output(JSON.stringify({ window: 'quit' })),
    // The page's own beforeunload prompt is the guard in a browser; main only notes the state.
    setSettingsUnsaved: (unsaved) => output(JSON.stringify({ window: 'settings-unsaved', unsaved })),
    resyncPopoverState: () => {
      pusher.reset();
      coalescer.flushNow();
    },
    // Like main's popover window: a pulled whole snapshot is the base of the next push (push-deltas.ts adopt).
    adoptPopoverState: (whole, vmCursor) => pusher.adopt(whole, vmCursor),
    openSettings: (focus) => {
      // A page opened later reads the request from the URL's hash; one already open gets it pushed.
      const hash = focus ? `#focus-host=${encodeURIComponent(focus.hostId)}&field=${focus.field}` : '';
      const url = server === null ? null : `${server.pageUrl('settings')}${hash}`;
      output(JSON.stringify({ window: 'open-settings', url, ...(focus ? { focus } : {}) }));
      if (focus) server?.push('settings', 'settings:focus-host', focus);
    },
  });
  server = await startPreviewServer({
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    handlers,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  const activeServer = server;

  // Pushes carry what changed (shared/state-push.ts); a page that missed one asks for a full one (state:resync).
  const pusher = createStatePusher({ view: core.view, snapshot: () => core.snapshot() });
  const coalescer = createPushCoalescer({
    produce: () => pusher.next(),
    send: (payload) => activeServer.push('popover', 'state:changed', payload),
    schedule: (run, delayMs) => {
      const handle = setTimeout(run, delayMs);
      return () => clearTimeout(handle);
    },
    isActive: () => activeServer.clientCount('popover') > 0,
  });
  const offCore = core.onChange(() => coalescer.notify());
  const offSettings = settings.onChange(() =>
    activeServer.push('settings', 'settings:changed', settings.view()),
  );

  return {
    server: activeServer,
    async close() {
      offCore();
      offSettings();
      coalescer.dispose();
      await app.stop();
      await activeServer.close();
    },
  };
}
