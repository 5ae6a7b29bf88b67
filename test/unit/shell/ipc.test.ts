import { describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
  channelOwner,
  createPusher,
  isOurPageUrl,
  registerInvokeHandlers,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
  type WebContentsLike,
  type WindowKind,
} from '../../../src/main/shell/ipc';
import type { InvokeHandlers } from '../../../src/main/ipc/handlers';
import {
  INVOKE_CHANNELS,
  POPOVER_INVOKES,
  SETTINGS_INVOKES,
  type InvokeChannel,
} from '../../../src/shared/ipc';
import { silentLogger } from '../../support/silent-logger';

const RENDERER_DIR = '/Applications/Hubwatch.app/Contents/Resources/app.asar/out/renderer';
const where = { rendererDir: RENDERER_DIR, devServerUrl: null };
const pageUrl = (kind: WindowKind): string => pathToFileURL(`${RENDERER_DIR}/${kind}.html`).href;

function fakeContents(
  id: number,
  kind: WindowKind,
): WebContentsLike & { mainFrame: FrameLike; sent: [string, unknown][] } {
  const sent: [string, unknown][] = [];
  return {
    id,
    mainFrame: { url: pageUrl(kind), parent: null },
    sent,
    isDestroyed: () => false,
    send: (c, p) => void sent.push([c, p]),
  };
}

function setup() {
  const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (c, l) => void listeners.set(c, l),
    removeHandler: (c) => void listeners.delete(c),
  };
  const calls: [InvokeChannel, unknown][] = [];
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [
      c,
      async (arg: unknown) => (calls.push([c, arg]), { ok: true, value: `${c} done` }),
    ]),
  ) as unknown as InvokeHandlers;
  const popover = fakeContents(1, 'popover');
  const settings = fakeContents(2, 'settings');
  const windows = (kind: WindowKind) => (kind === 'popover' ? popover : settings);
  const logger = { ...silentLogger, warn: vi.fn() };
  const dispose = registerInvokeHandlers({ ipcMain, handlers, windows, renderer: where, logger });
  const invoke = (channel: InvokeChannel, event: InvokeEventLike, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return { listeners, calls, popover, settings, invoke, dispose, logger };
}

const from = (
  contents: WebContentsLike & { mainFrame: FrameLike },
  frame: FrameLike | null = contents.mainFrame,
): InvokeEventLike => ({
  sender: { id: contents.id },
  senderFrame: frame,
});

describe('registerInvokeHandlers', () => {
  it('registers every channel once and removes them on dispose', () => {
    const { listeners, dispose } = setup();
    expect([...listeners.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    dispose();
    expect(listeners.size).toBe(0);
  });

  it.each(POPOVER_INVOKES)(
    '%s: answered for the popover, refused for the settings window',
    async (channel) => {
      const { invoke, popover, settings, calls } = setup();
      expect(await invoke(channel, from(popover), 'arg')).toEqual({ ok: true, value: `${channel} done` });
      expect(await invoke(channel, from(settings), 'arg')).toMatchObject({ ok: false });
      expect(calls).toEqual([[channel, 'arg']]);
    },
  );

  it.each(SETTINGS_INVOKES)(
    '%s: answered for the settings window, refused for the popover',
    async (channel) => {
      const { invoke, popover, settings, calls } = setup();
      expect(await invoke(channel, from(settings))).toMatchObject({ ok: true });
      expect(await invoke(channel, from(popover))).toMatchObject({
        ok: false,
        error: expect.stringMatching(/refused/),
      });
      expect(calls).toHaveLength(1);
    },
  );

  it('refuses subframes, foreign pages, unknown windows and destroyed frames', async () => {
    const { invoke, popover, calls, logger } = setup();
    const iframe: FrameLike = { url: pageUrl('popover'), parent: popover.mainFrame };
    const navigated: FrameLike = { url: 'https://evil.example/popover.html', parent: null };
    const otherFile: FrameLike = { url: pathToFileURL('/tmp/popover.html').href, parent: null };
    const wrongPage: FrameLike = { url: pageUrl('settings'), parent: null };
    for (const event of [
      from(popover, iframe),
      from(popover, navigated),
      from(popover, otherFile),
      from(popover, wrongPage),
      from(popover, null),
      { sender: { id: 99 }, senderFrame: popover.mainFrame },
    ]) {
      expect(await invoke('vm:snapshot', event)).toMatchObject({ ok: false });
    }
    expect(calls).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(6);
  });

  it('refuses when our window is gone', async () => {
    const { invoke, popover, calls } = setup();
    popover.isDestroyed = () => true;
    expect(await invoke('vm:snapshot', from(popover))).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('refuses, without throwing, when the window was never created (lookup returns null)', async () => {
    const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    const calls: string[] = [];
    const handlers = Object.fromEntries(
      INVOKE_CHANNELS.map((c) => [c, async () => (calls.push(c), { ok: true, value: null })]),
    ) as unknown as InvokeHandlers;
    registerInvokeHandlers({
      ipcMain: { handle: (c, l) => void listeners.set(c, l), removeHandler: () => undefined },
      handlers,
      windows: () => null,
      renderer: where,
      logger: silentLogger,
    });
    const event = { sender: { id: 1 }, senderFrame: { url: pageUrl('popover'), parent: null } };
    expect(await listeners.get('vm:snapshot')!(event, undefined)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('logs each refusal with the channel and the sender id (and nothing from the request)', async () => {
    const { invoke, settings, logger } = setup();
    await invoke('vm:snapshot', from(settings), { secret: 'never-logged' });
    expect(logger.warn).toHaveBeenCalledWith('IPC refused', { channel: 'vm:snapshot', senderId: 2 });
  });

  it('refuses extra positional arguments', async () => {
    const { invoke, popover, calls } = setup();
    expect(await invoke('vm:action', from(popover), {}, 'extra')).toMatchObject({
      ok: false,
      error: /too many/,
    });
    expect(calls).toEqual([]);
  });
});

describe('isOurPageUrl', () => {
  it('accepts the dev server only with the same origin and page', () => {
    const dev = { rendererDir: null, devServerUrl: 'http://localhost:5173' };
    expect(isOurPageUrl('http://localhost:5173/popover.html', 'popover', dev)).toBe(true);
    expect(isOurPageUrl('http://localhost:5174/popover.html', 'popover', dev)).toBe(false);
    expect(isOurPageUrl('http://localhost:5173/settings.html', 'popover', dev)).toBe(false);
    expect(isOurPageUrl(pageUrl('popover'), 'popover', dev)).toBe(false);
    expect(isOurPageUrl('not a url', 'popover', dev)).toBe(false);
  });
  it('does not accept a file URL that escapes the renderer dir', () => {
    expect(
      isOurPageUrl(`${pathToFileURL(RENDERER_DIR).href}/../renderer/popover.html`, 'popover', where),
    ).toBe(true);
    expect(isOurPageUrl(`${pathToFileURL(RENDERER_DIR).href}/../popover.html`, 'popover', where)).toBe(false);
  });
  it('with both a built renderer and a dev server, each kind of URL is judged by its own rule', () => {
    const both = { rendererDir: RENDERER_DIR, devServerUrl: 'http://localhost:5173' };
    expect(isOurPageUrl('http://localhost:5173/popover.html', 'popover', both)).toBe(true);
    expect(isOurPageUrl(pageUrl('popover'), 'popover', both)).toBe(true);
  });
  it('accepts an https dev server page, and no http page at all without a dev server', () => {
    const https = { rendererDir: null, devServerUrl: 'https://localhost:5173' };
    expect(isOurPageUrl('https://localhost:5173/popover.html', 'popover', https)).toBe(true);
    expect(isOurPageUrl('http://localhost:5173/popover.html', 'popover', where)).toBe(false);
    expect(isOurPageUrl('ws://localhost:5173/popover.html', 'popover', https)).toBe(false);
  });
  it('a file URL naming another machine is refused with false, not an exception', () => {
    // fileURLToPath throws for a non-local host on POSIX; that must read as "not our page".
    expect(isOurPageUrl(`file://evil.example${RENDERER_DIR}/popover.html`, 'popover', where)).toBe(false);
  });
  it('channel owners follow the contract tables', () => {
    for (const c of POPOVER_INVOKES) expect(channelOwner(c)).toBe('popover');
    for (const c of SETTINGS_INVOKES) expect(channelOwner(c)).toBe('settings');
  });
});

describe('createPusher', () => {
  it('sends only to the named window and skips missing or destroyed ones', () => {
    const popover = fakeContents(1, 'popover');
    let settings: ReturnType<typeof fakeContents> | null = null;
    const push = createPusher((kind) => (kind === 'popover' ? popover : settings));
    expect(push('popover', 'popover:focus-vm', { hostId: 'h', vmId: 'v' })).toBe(true);
    expect(push('settings', 'settings:changed', {} as never)).toBe(false);
    settings = fakeContents(2, 'settings');
    settings.isDestroyed = () => true;
    expect(push('settings', 'settings:changed', {} as never)).toBe(false);
    expect(popover.sent).toEqual([['popover:focus-vm', { hostId: 'h', vmId: 'v' }]]);
  });
});
