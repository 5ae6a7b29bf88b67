// The one IPC wrapper in main. Every invoke is answered only when it comes from the main frame of OUR window that
// owns the channel (popover or settings) and that frame shows OUR page; everything else gets { ok:false } and a log
// line. Electron objects are described structurally so Node tests drive this with fakes.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import {
  INVOKE_CHANNELS,
  POPOVER_INVOKES,
  type InvokeChannel,
  type PushChannel,
  type PushMap,
  type Result,
} from '../../shared/ipc';
import type { InvokeHandlers } from '../ipc/handlers';
import type { Logger } from '../kernel/logger';

export type WindowKind = 'popover' | 'settings';

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface WebContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Where our pages live: the built files (file://…/out/renderer) or the dev server in `electron-vite dev`. */
export interface RendererLocation {
  readonly rendererDir: string | null;
  readonly devServerUrl: string | null;
}

export type WindowLookup = (kind: WindowKind) => WebContentsLike | null;

export function channelOwner(channel: InvokeChannel): WindowKind {
  return (POPOVER_INVOKES as readonly string[]).includes(channel) ? 'popover' : 'settings';
}

/** True only for exactly our page for that window: same file, or same dev-server origin and path. */
export function isOurPageUrl(url: string, kind: WindowKind, where: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const page = `${kind}.html`;
  if (parsed.protocol === 'file:' && where.rendererDir !== null) {
    try {
      return resolve(fileURLToPath(parsed)) === resolve(where.rendererDir, page);
    } catch {
      return false;
    }
  }
  if (where.devServerUrl !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    const dev = new URL(where.devServerUrl);
    return parsed.origin === dev.origin && parsed.pathname === `/${page}`;
  }
  return false;
}

function isTrustedSender(
  event: InvokeEventLike,
  kind: WindowKind,
  windows: WindowLookup,
  where: RendererLocation,
): boolean {
  const contents = windows(kind);
  const frame = event.senderFrame;
  if (contents === null || contents.isDestroyed() || frame === null) return false;
  if (event.sender.id !== contents.id) return false; // another window (or a window we did not create)
  // A subframe (e.g. an injected iframe) has a parent; only the top-level document may call.
  if (frame.parent !== null) return false;
  return isOurPageUrl(frame.url, kind, where);
}

export const REFUSED: Result<never> = {
  ok: false,
  error: 'Request refused: it did not come from a Hubwatch window.',
};

export function registerInvokeHandlers(o: {
  ipcMain: IpcMainLike;
  handlers: InvokeHandlers;
  windows: WindowLookup;
  renderer: RendererLocation;
  logger: Logger;
}): () => void {
  for (const channel of INVOKE_CHANNELS) {
    const owner = channelOwner(channel);
    const handler = o.handlers[channel] as (arg: unknown) => Promise<Result<unknown>>;
    o.ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, owner, o.windows, o.renderer)) {
        o.logger.warn('IPC refused', { channel, senderId: event.sender.id });
        return REFUSED;
      }
      if (args.length > 1)
        return { ok: false, error: 'Invalid request: too many arguments' } satisfies Result<never>;
      return handler(args[0]);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) o.ipcMain.removeHandler(channel);
  };
}

/** Pushes go only to our own windows, never broadcast. */
export function createPusher(windows: WindowLookup) {
  return function push<C extends PushChannel>(kind: WindowKind, channel: C, payload: PushMap[C]): boolean {
    const contents = windows(kind);
    if (contents === null || contents.isDestroyed()) return false;
    contents.send(channel, payload);
    return true;
  };
}

export type Pusher = ReturnType<typeof createPusher>;
