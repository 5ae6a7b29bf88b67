// Known secrets through connect, 401, reconnect and errors, in the web preview (real core + real invoke handlers +
// bridge) with the app's real logger writing a real log file: no secret (raw, base64 or URI-encoded), no JWT and no
// URL with credentials may appear in log lines, stdout/stderr, files written, or anything sent to a renderer.
import { SnapshotModel } from '../../src/shared/snapshot-model';
import { readStatePush } from '../../src/shared/state-push';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebPreview, type WebPreview } from '../../src/dev/preview-app';
import { BRIDGE_PATH } from '../../src/dev/bridge/protocol';
import { createLogger } from '../../src/main/shell/logger';
import { fileWriter } from '../../src/main/shell/log-file';
import type { Logger } from '../../src/main/kernel/logger';
import { startSimulator, type Simulator } from '../sim';
import { createCapturingLogger } from '../support/capture';
import { startHarness } from '../support/core-harness';
import { createFileEventLogRepository } from '../../src/main/persist/event-log-file';
import { openConfSettings } from './support/conf-settings';
import { createMemorySecretStore, createSettingsService } from '../../src/main/ipc/settings-service';
import { DEFAULT_SETTINGS, type HostConfig } from '../../src/shared/settings';
import { hostConfig } from '../support/host-config';

const PASSWORD = 'Pw-9f3c1e-CorrectHorse!';
const WRONG_PASSWORD = 'Typo-77ad0b-Battery';
const API_SECRET = 'ak-5e1d0c9b8a7f6e5d';
let sim: Simulator | null = null;
let preview: WebPreview | null = null;
let dir = '';
afterEach(async () => {
  await preview?.close();
  await sim?.close();
  preview = null;
  sim = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The one host both flows configure: password sign-in against the simulator (the secret is added per call). */
function passwordHost(s: Simulator): HostConfig {
  return hostConfig({ id: 'farm-1', url: s.url, auth: 'password', username: 'ops' });
}

function forms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`key-1:${secret}`).toString('base64'),
  ];
}

function leaks(corpus: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of secrets)
    for (const f of forms(s)) if (corpus.includes(f)) found.push(`secret form ${f.slice(0, 4)}…`);
  if (/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./.test(corpus)) found.push('a JWT');
  if (/[a-z]+:\/\/[^/\s"'@]+:[^/\s"'@]+@/i.test(corpus)) found.push('a URL with credentials');
  if (/[?&](access_token|authorization|api_key|password)=(?!REDACTED|\*)/i.test(corpus))
    found.push('a credential query parameter');
  return found;
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((f) => {
    const p = path.join(root, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('secret hygiene', () => {
  it('no secret leaks through connect, 401, reconnect and errors', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hubwatch-secrets-'));
    sim = await startSimulator({
      vms: 6,
      seed: 12,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
      users: [{ username: 'ops', email: 'ops@farm.local', password: PASSWORD }],
      apiKeys: [{ id: 'key-1', secret: API_SECRET }],
    });
    const s = sim;
    const raw = createCapturingLogger();
    const appLogger = createLogger({
      level: 'debug',
      writers: [fileWriter(path.join(dir, 'logs', 'hubwatch.log'))],
    });
    const tee: Logger = {
      debug: (m, f) => (raw.debug(m, f), appLogger.debug(m, f)),
      info: (m, f) => (raw.info(m, f), appLogger.info(m, f)),
      warn: (m, f) => (raw.warn(m, f), appLogger.warn(m, f)),
      error: (m, f) => (raw.error(m, f), appLogger.error(m, f)),
    };
    const output: string[] = [];
    const std: string[] = [];
    const origOut = process.stdout.write.bind(process.stdout);
    const origErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (
      std.push(String(chunk)),
      origOut(chunk, ...rest)
    )) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (
      std.push(String(chunk)),
      origErr(chunk, ...rest)
    )) as typeof process.stderr.write;
    const received: string[] = [];
    try {
      const host = passwordHost(s);
      preview = await startWebPreview({
        hosts: [{ ...host, secret: PASSWORD }],
        rendererDir: dir,
        output: (line) => output.push(line),
        logger: tee,
        coreOptions: {
          livenessTimeoutMs: 2_000,
          backoff: { initialMs: 50, maxMs: 300, stableAfterMs: 1_000 },
          coalesceWindowMs: 0,
        },
      });
      const server = preview.server;
      const connect = (page: 'popover' | 'settings'): Promise<WebSocket> =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(
            `${server.origin.replace('http', 'ws')}${BRIDGE_PATH}?page=${page}&session=${server.session}`,
          );
          ws.on('message', (data) => received.push(data.toString()));
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        });
      const popover = await connect('popover');
      const settings = await connect('settings');
      let nextId = 1;
      const invoke = (
        ws: WebSocket,
        channel: string,
        arg?: unknown,
      ): Promise<{ ok: boolean; value?: unknown; error?: string }> =>
        new Promise((resolve) => {
          const id = nextId++;
          const onMessage = (data: WebSocket.RawData): void => {
            const msg = JSON.parse(data.toString()) as { t: string; id?: number; result?: { ok: boolean } };
            if (msg.t === 'result' && msg.id === id) {
              ws.off('message', onMessage);
              resolve(msg.result as { ok: boolean });
            }
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ t: 'invoke', id, channel, arg }));
        });
      // The popover's view of the core, in arrival order: vm:snapshot results and state:changed pushes share its
      // socket, so the newest of either is what the renderer was last told. Waits end on pushes, never on time.
      interface View {
        hosts: { status: { tag: string; since?: number } }[];
        generatedAt?: number;
      }
      let latest: View | null = null;
      let lastPush: View | null = null;
      const wakers = new Set<() => void>();
      // Pushes carry what changed (shared/state-push.ts): rebuilt here as the page rebuilds them.
      const model = new SnapshotModel();
      popover.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { t: string; channel?: string; payload?: unknown };
        if (msg.t !== 'push' || msg.channel !== 'state:changed') return;
        const push = readStatePush(msg.payload);
        if (push === null || model.apply(push) === 'gap') {
          void invoke(popover, 'state:resync');
          return;
        }
        latest = lastPush = model.current as View | null;
        for (const wake of [...wakers]) wake();
      });
      const nextPush = (what: string, deadline: number): Promise<void> =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => (wakers.delete(wake), reject(new Error(`no push while waiting for ${what}`))),
            Math.max(0, deadline - Date.now()),
          );
          const wake = (): void => (clearTimeout(timer), wakers.delete(wake), resolve());
          wakers.add(wake);
        });
      const snapshot = async (): Promise<View> => {
        const r = await invoke(popover, 'vm:snapshot');
        return (latest = r.value as View);
      };
      const status = (v: View | null): { tag: string; since?: number } =>
        v?.hosts[0]?.status ?? { tag: 'none' };
      const untilStatus = async (what: string, ok: (st: { tag: string; since?: number }) => boolean) => {
        const deadline = Date.now() + 10_000;
        const seen = latest ?? (await snapshot());
        if (ok(status(seen))) return;
        while (!ok(status(latest))) await nextPush(what, deadline);
      };
      const until = (tag: string): Promise<void> => untilStatus(`status ${tag}`, (st) => st.tag === tag);
      // No push pending: the last push equals what the core holds now (a change always ends with a push of the
      // latest value), so every message the flow produced has reached the renderer and is in `received`.
      const rendererCaughtUp = async (): Promise<void> => {
        const deadline = Date.now() + 10_000;
        const same = (a: View | null, b: View): boolean =>
          JSON.stringify({ ...a, generatedAt: 0 }) === JSON.stringify({ ...b, generatedAt: 0 });
        while (!same(lastPush, await snapshot())) await nextPush('the renderer to catch up', deadline);
      };
      await until('live');
      // Stop a VM so a notification line is printed.
      s.setState(s.vms()[0]!.id, 'stopped');
      s.setState(s.vms()[1]!.id, 'running');
      // 401: the password was rotated on the server and the token revoked.
      s.setPassword('ops', 'rotated-on-server');
      s.revokeAllTokens();
      s.dropAllSockets();
      await until('auth-failed');
      // Errors: "Test connection" with a mistyped secret and with the stored (now wrong) one.
      const typo = await invoke(settings, 'hub:test-connection', { ...host, secret: WRONG_PASSWORD });
      const stored = await invoke(settings, 'hub:test-connection', host);
      expect(JSON.stringify(typo)).toMatch(/credentials-rejected/);
      expect(JSON.stringify(stored)).toMatch(/credentials-rejected/);
      await invoke(settings, 'settings:get');
      // Reconnect after the admin restores the password.
      s.setPassword('ops', PASSWORD);
      await invoke(popover, 'hub:reconnect', { hostId: null });
      await until('live');
      // Switch to an API key (X-Api-Key header) through settings:save; then a test with it, then unreachable.
      const liveBeforeSave = status(latest).since;
      const saved = await invoke(settings, 'settings:save', {
        hosts: [{ ...host, auth: 'api-key', username: 'key-1', secret: API_SECRET }],
        notifications: {
          enabled: true,
          onStopped: true,
          onSuspended: false,
          onPaused: false,
          onAdded: false,
          onRemoved: false,
          connectionLostAfterSeconds: 120,
        },
        showTrayCount: true,
        launchAtLogin: false,
      });
      expect(saved.ok).toBe(true);
      // A new live period (the reconnect with the key), not the one from before the save.
      await untilStatus('live with the API key', (st) => st.tag === 'live' && st.since !== liveBeforeSave);
      await invoke(settings, 'hub:test-connection', { ...host, auth: 'api-key', username: 'key-1' });
      await invoke(settings, 'hub:test-connection', { ...host, url: 'http://127.0.0.1:1', secret: PASSWORD });
      await rendererCaughtUp();
      popover.close();
      settings.close();
    } finally {
      process.stdout.write = origOut;
      process.stderr.write = origErr;
    }
    const secrets = [PASSWORD, WRONG_PASSWORD, API_SECRET];
    const files = filesUnder(dir).map((f) => readFileSync(f, 'utf8'));
    const report = {
      rawLogLines: leaks(raw.text(), secrets),
      logFile: leaks(files.join('\n'), secrets),
      previewOutput: leaks(output.join('\n'), secrets),
      stdoutStderr: leaks(std.join(''), secrets),
      rendererPayloads: leaks(received.join('\n'), secrets),
    };
    expect(report).toEqual({
      rawLogLines: [],
      logFile: [],
      previewOutput: [],
      stdoutStderr: [],
      rendererPayloads: [],
    });
    expect(output.some((l) => l.includes('"notification"'))).toBe(true);
    expect(received.some((m) => m.includes('"t":"push"'))).toBe(true);
    // The detector itself catches what it claims to.
    expect(leaks(`x ${Buffer.from(PASSWORD).toString('base64')} y`, secrets)).not.toEqual([]);
    expect(leaks('GET http://u:p@host/', [])).not.toEqual([]);
    expect(leaks('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb290In0.sig', [])).not.toEqual([]);
    console.log(
      `[secret-hygiene] secrets=3 (+ every JWT, credential URL/query) checked in ${raw.lines.length} log lines, ${files.length} files, ${output.length} preview lines, ${std.length} stdout/stderr writes, ${received.length} renderer messages: 0 leaks`,
    );
  });

  it('files the app persists (settings via the shell persistence over conf, event log file) hold no secret', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hubwatch-secret-files-'));
    sim = await startSimulator({
      vms: 5,
      seed: 13,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
      users: [{ username: 'ops', email: 'ops@farm.local', password: PASSWORD }],
    });
    const s = sim;
    const settingsStore = openConfSettings(dir, createCapturingLogger());
    const service = await createSettingsService({ store: settingsStore, secrets: createMemorySecretStore() });
    const host = passwordHost(s);
    await service.save({ ...DEFAULT_SETTINGS, hosts: [{ ...host, secret: PASSWORD }] });
    const h = await startHarness(s, {
      auth: 'password',
      username: 'ops',
      secret: PASSWORD,
      eventLog: createFileEventLogRepository(path.join(dir, 'events.json'), createCapturingLogger()),
    });
    try {
      await h.waitFor('live', () => h.status().tag === 'live', 10_000);
      s.setState(s.vms()[0]!.id, 'stopped');
      s.setPassword('ops', 'rotated');
      s.revokeAllTokens();
      s.dropAllSockets();
      await h.waitFor('auth-failed', () => h.status().tag === 'auth-failed', 10_000);
    } finally {
      await h.stop(); // flushes the debounced event-log write
    }
    const files = filesUnder(dir);
    expect(files.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['settings.json', 'events.json']),
    );
    const corpus = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(leaks(corpus, [PASSWORD])).toEqual([]);
    expect(leaks(h.logger.text(), [PASSWORD])).toEqual([]);
    console.log(
      `[secret-hygiene] persisted files (${files.map((f) => path.basename(f)).join(', ')}) after connect + 401: 0 leaks`,
    );
  });
});
