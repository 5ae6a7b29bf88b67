// Foreign senders: the Electron IPC wrapper (shell/ipc.ts, driven with structural fakes) answers only the main
// frame of our own window showing our own page; the web preview's bridge refuses sockets without the session
// secret and channels that belong to the other page. Refused calls never reach a handler.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  registerInvokeHandlers,
  REFUSED,
  type InvokeEventLike,
  type WebContentsLike,
} from '../../src/main/shell/ipc';
import { startPreviewServer } from '../../src/dev/bridge/server';
import { BRIDGE_PATH } from '../../src/dev/bridge/protocol';
import { INVOKE_CHANNELS, POPOVER_INVOKES, type InvokeChannel } from '../../src/shared/ipc';
import type { InvokeHandlers } from '../../src/main/ipc/handlers';
import { silentLogger } from '../support/silent-logger';

function countingHandlers(calls: string[]): InvokeHandlers {
  return Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [c, async () => (calls.push(c), { ok: true, value: undefined })]),
  ) as unknown as InvokeHandlers;
}

describe('foreign senders', () => {
  it('Electron IPC wrapper answers our own window, refuses other windows, subframes, foreign pages and extra arguments', async () => {
    const rendererDir = '/app/out/renderer';
    const popover: WebContentsLike = { id: 1, isDestroyed: () => false, send: () => undefined };
    const settings: WebContentsLike = { id: 2, isDestroyed: () => false, send: () => undefined };
    const registered = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    const calls: string[] = [];
    registerInvokeHandlers({
      ipcMain: {
        handle: (c, l) => void registered.set(c, l),
        removeHandler: (c) => void registered.delete(c),
      },
      handlers: countingHandlers(calls),
      windows: (kind) => (kind === 'popover' ? popover : settings),
      renderer: { rendererDir, devServerUrl: null },
      logger: silentLogger,
    });
    expect([...registered.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const ours = (c: InvokeChannel): { id: number; page: string } =>
      (POPOVER_INVOKES as readonly string[]).includes(c)
        ? { id: 1, page: 'popover' }
        : { id: 2, page: 'settings' };
    let refused = 0;
    for (const channel of INVOKE_CHANNELS) {
      const own = ours(channel);
      const other = own.id === 1 ? { id: 2, page: 'settings' } : { id: 1, page: 'popover' };
      const frame = (url: string, parent: null | { url: string; parent: null } = null) => ({ url, parent });
      const foreign: InvokeEventLike[] = [
        { sender: { id: 99 }, senderFrame: frame(`file://${rendererDir}/${own.page}.html`) }, // a window we did not create
        { sender: { id: other.id }, senderFrame: frame(`file://${rendererDir}/${other.page}.html`) }, // the other window
        { sender: { id: own.id }, senderFrame: frame('https://evil.example/') }, // navigated away
        { sender: { id: own.id }, senderFrame: frame(`file:///tmp/${own.page}.html`) }, // another file
        {
          sender: { id: own.id },
          senderFrame: frame(
            `file://${rendererDir}/${own.page}.html`,
            frame(`file://${rendererDir}/${own.page}.html`) as never,
          ),
        }, // subframe
        { sender: { id: own.id }, senderFrame: null }, // frame already gone
      ];
      for (const event of foreign) {
        expect(await registered.get(channel)!(event, undefined), channel).toEqual(REFUSED);
        refused++;
      }
      const good = { sender: { id: own.id }, senderFrame: frame(`file://${rendererDir}/${own.page}.html`) };
      // Our own window's main frame on our own page, one argument: answered by the handler. A wrapper that refuses
      // every sender fails here, so the refusals above are not vacuous.
      expect(await registered.get(channel)!(good, undefined), channel).toEqual({
        ok: true,
        value: undefined,
      });
      expect(calls.at(-1), channel).toBe(channel);
      // The same trusted sender with an extra argument is refused before the handler.
      expect(await registered.get(channel)!(good, undefined, 'extra')).toEqual({
        ok: false,
        error: 'Invalid request: too many arguments',
      });
    }
    // Exactly one handler call per channel: the trusted one-argument call, nothing from any foreign sender.
    expect(calls).toEqual([...INVOKE_CHANNELS]);
    console.log(
      `[ipc-sender] Electron wrapper: ${refused} foreign-sender calls over ${INVOKE_CHANNELS.length} channels refused, 0 reached a handler; ${calls.length} trusted calls answered`,
    );
  });

  it('preview bridge refuses a socket without the session and channels of the other page', async () => {
    const calls: string[] = [];
    const server = await startPreviewServer({
      rendererDir: '/nonexistent',
      handlers: countingHandlers(calls),
    });
    try {
      const base = `${server.origin.replace('http', 'ws')}${BRIDGE_PATH}`;
      for (const url of [
        `${base}?page=popover`,
        `${base}?page=popover&session=wrong`,
        `${base}?page=admin&session=${server.session}`,
      ]) {
        const outcome = await new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.once('open', () => (ws.close(), resolve('open')));
          ws.once('error', () => resolve('refused'));
        });
        expect(outcome, url.replace(server.session, 'SESSION')).toBe('refused');
      }
      const ws = new WebSocket(`${base}?page=popover&session=${server.session}`);
      await new Promise((r) => ws.once('open', r));
      const answer = await new Promise<string>((resolve) => {
        ws.once('message', (d) => resolve(d.toString()));
        ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'settings:save', arg: {} }));
      });
      expect(JSON.parse(answer)).toMatchObject({ t: 'result', id: 1, result: { ok: false } });
      expect(calls).toEqual([]);
      // The popover's own channel on the same trusted socket is answered by the handler.
      const own = await new Promise<string>((resolve) => {
        ws.once('message', (d) => resolve(d.toString()));
        ws.send(JSON.stringify({ t: 'invoke', id: 2, channel: 'vm:snapshot', arg: null }));
      });
      expect(JSON.parse(own)).toMatchObject({ t: 'result', id: 2, result: { ok: true } });
      ws.close();
      expect(calls).toEqual(['vm:snapshot']);
    } finally {
      await server.close();
    }
  });
});
