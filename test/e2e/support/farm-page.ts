// The built popover (out/renderer, after `npx electron-vite build`) with a farm-shaped Snapshot from a stub
// window.api: an orchestrator with a Mac in each §6.6 state beside a single host. Why a stub beside the real
// preview (farm-preview-popover.spec.ts): it shows every state at once and exactly (verifying and disabled take
// timing games on the simulator), and scales to 4,000 VMs without a farm of sockets. Its states are exactly the
// contract in src/shared/model.ts, and every request the page sends is recorded for the test to read.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { FarmActionRefusedError } from '../../../src/main/core/farm-monitor';
import type { VmActionRequest } from '../../../src/shared/ipc';
import type { FarmHostState, FarmHostSummary, HostSummary, Snapshot, Vm } from '../../../src/shared/model';

const RENDERER_DIR = resolve(fileURLToPath(new URL('../../../', import.meta.url)), 'out/renderer');
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves the built renderer on 127.0.0.1 (an ephemeral port); nothing outside out/renderer. */
export async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(RENDERER_DIR, decodeURIComponent(path)));
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/popover.html`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * What the core says when the orchestrator refuses a GET-forwarded action on a v1.0.5+ host (orchestrator-protocol.md
 * §2.6): the real core's own message, so the stub cannot drift from it.
 */
export const GET_FORWARDING_ERROR = new FarmActionRefusedError(
  'mac-03',
  'http://mac-03.local:3080',
  'error on GET data from http://mac-03.local:3080/api/v1/machines/x/start',
).message;

const FARM_STATES: readonly FarmHostState[] = ['live', 'verifying', 'polling', 'unreachable', 'disabled'];

/** 14:02 today: the time the unreachable and disabled Macs' rows are from. */
function asOfTime(): number {
  const d = new Date();
  d.setHours(14, 2, 0, 0);
  return d.getTime();
}

/**
 * An orchestrator `orch-1` with Macs mac-01..mac-05 (live, verifying, polling, unreachable, disabled) of `perHost`
 * VMs each, and a single host `farm-1` with 3 VMs. mac-01's first VM stopped a minute ago; the same VM id exists on
 * mac-01 and mac-02 (ids are only unique per Mac, §6.1).
 */
export function farmSnapshot(perHost = 4, now = Date.now()): Snapshot {
  const asOf = asOfTime();
  const farmHosts: FarmHostSummary[] = FARM_STATES.map((state, i) => {
    const id = `mac-0${i + 1}`;
    const stale = state === 'unreachable' || state === 'disabled';
    return { id, name: id, url: `http://${id}.local:3080`, state, ...(stale ? { dataAsOf: asOf } : {}) };
  });
  const hosts: HostSummary[] = [
    {
      id: 'orch-1',
      kind: 'orchestrator',
      name: 'orch-1',
      url: 'https://orch-1.local',
      status: { tag: 'live', since: now - 3_600_000 },
      farmHosts,
    },
    {
      id: 'farm-1',
      name: 'farm-1',
      url: 'https://farm-1.local:3080',
      status: { tag: 'live', since: now - 3_600_000 },
    },
  ];
  const vm = (
    hostId: string,
    farmHostId: string | undefined,
    n: number,
    state: string,
    since: number | null,
  ): Vm => ({
    hostId,
    ...(farmHostId === undefined ? {} : { farmHostId }),
    id: n === 0 && farmHostId !== undefined ? 'shared-id-0' : `${farmHostId ?? hostId}-id-${n}`,
    name: `${farmHostId ?? hostId}-ci-${n + 1}`,
    state,
    os: n % 2 === 0 ? 'macosx' : 'ubuntu',
    uptimeSeconds: state === 'running' ? 3600 * (n + 1) : undefined,
    stateSince: since,
    changedWhileOffline: false,
  });
  const vms: Vm[] = [];
  farmHosts.forEach((fh, h) => {
    for (let n = 0; n < perHost; n++) {
      const stopped = n === 0 && h === 0;
      vms.push(
        vm(
          'orch-1',
          fh.id,
          n,
          stopped || n === perHost - 1 ? 'stopped' : 'running',
          stopped ? now - 60_000 : null,
        ),
      );
    }
  });
  for (let n = 0; n < 3; n++) vms.push(vm('farm-1', undefined, n, 'running', null));
  return {
    hosts,
    vms,
    events: [],
    pending: [],
    mutedVms: [],
    notificationsPausedUntil: null,
    notificationHealth: { state: 'ok' },
    generatedAt: now,
  };
}

/** `hosts` Macs of `perHost` VMs behind one orchestrator, every tenth Mac unreachable: the farm-size case. */
export function largeFarmSnapshot(hosts: number, perHost: number, now = Date.now()): Snapshot {
  const base = farmSnapshot(0, now);
  const farmHosts: FarmHostSummary[] = Array.from({ length: hosts }, (_, i) => {
    const id = `mac-${String(i + 1).padStart(3, '0')}`;
    return i % 10 === 9
      ? { id, name: id, url: '', state: 'unreachable', dataAsOf: now - 120_000 }
      : { id, name: id, url: '', state: 'live' };
  });
  const vms: Vm[] = farmHosts.flatMap((fh) =>
    Array.from({ length: perHost }, (_, n) => ({
      hostId: 'orch-1',
      farmHostId: fh.id,
      id: `vm-${n}`,
      name: `${fh.id}-ci-${n + 1}`,
      state: n % 9 === 0 ? 'stopped' : 'running',
      os: 'macosx',
      stateSince: null,
      changedWhileOffline: false,
    })),
  );
  const [orch] = base.hosts;
  return { ...base, hosts: orch ? [{ ...orch, farmHosts }] : [], vms };
}

interface StubConfig {
  readonly snapshot: Snapshot;
  /** Farm host ids whose actions the orchestrator refuses, with the message. */
  readonly refuse: Readonly<Record<string, string>>;
}

/** What the stub records in the page (read back with `farmRequests`). */
interface StubGlobals {
  __farm: { actions: VmActionRequest[]; push(next: Snapshot): void };
  api: unknown;
}

// Runs in the page before the popover's scripts: stands in for the preload's window.api (src/shared/ipc.ts).
function installStub(config: StubConfig): void {
  const g = globalThis as unknown as StubGlobals;
  // Pushes are numbered full snapshots (src/shared/state-push.ts): what main sends first and after a resync.
  const listeners = new Set<(push: { generation: number; full: Snapshot }) => void>();
  let generation = 0;
  let current = config.snapshot;
  const ok = <T>(value: T): Promise<{ ok: true; value: T }> => Promise.resolve({ ok: true, value });
  g.__farm = {
    actions: [],
    push(next) {
      current = { ...next, generatedAt: Date.now() };
      generation += 1;
      for (const listener of listeners) listener({ generation, full: structuredClone(current) });
    },
  };
  const api = {
    getSnapshot: () => ok(structuredClone({ ...current, generatedAt: Date.now() })),
    runAction: (request: VmActionRequest) => {
      g.__farm.actions.push(request);
      const refused = request.farmHostId === undefined ? undefined : config.refuse[request.farmHostId];
      return refused === undefined ? ok({ message: 'Done' }) : Promise.resolve({ ok: false, error: refused });
    },
    setVmMuted: () => ok(undefined),
    reconnect: () => ok(undefined),
    pauseNotifications: () => ok(undefined),
    hide: () => ok(undefined),
    quit: () => ok(undefined),
    openSettings: () => ok(undefined),
    requestFullState: () => {
      generation += 1;
      for (const listener of listeners) listener({ generation, full: structuredClone(current) });
      return ok(undefined);
    },
    onStateChanged: (listener: (push: { generation: number; full: Snapshot }) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onFocusVm: () => () => undefined,
  };
  Object.defineProperty(g, 'api', { value: Object.freeze(api), writable: false });
}

/** Opens the farm popover on `page` (the renderer served by `serveRenderer`). */
export async function openFarmPopover(
  page: Page,
  url: string,
  snapshot: Snapshot = farmSnapshot(),
  refuse: Record<string, string> = { 'mac-03': GET_FORWARDING_ERROR },
): Promise<void> {
  await page.addInitScript(installStub, { snapshot, refuse });
  await page.goto(url);
}

/** The action requests the page sent, in order. */
export function farmRequests(page: Page): Promise<VmActionRequest[]> {
  return page.evaluate(() => (globalThis as unknown as StubGlobals).__farm.actions);
}

/** Pushes a new snapshot to the page, as main does after a change. */
export function pushSnapshot(page: Page, snapshot: Snapshot): Promise<void> {
  return page.evaluate((s) => (globalThis as unknown as StubGlobals).__farm.push(s), snapshot);
}
