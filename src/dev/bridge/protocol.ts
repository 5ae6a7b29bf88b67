// The web preview's bridge protocol: the same PopoverApi / SettingsApi contract as the Electron preloads,
// carried over one local WebSocket instead of Electron IPC. Only the transport differs.
import type { PushChannel, PushMap, Result } from '../../shared/ipc';

export type BridgePage = 'popover' | 'settings';

export interface BridgeInvoke {
  readonly t: 'invoke';
  readonly id: number;
  readonly channel: string;
  readonly arg?: unknown;
}

interface BridgeResult {
  readonly t: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
}

interface BridgePush<C extends PushChannel = PushChannel> {
  readonly t: 'push';
  readonly channel: C;
  readonly payload: PushMap[C];
}

export type BridgeServerMessage = BridgeResult | BridgePush;

export const BRIDGE_PATH = '/__bridge';
export const BRIDGE_SCRIPT_PATH = '/__bridge/client.js';
/** Invoke frames larger than this are refused before parsing (a renderer never needs more). */
export const BRIDGE_MAX_FRAME_BYTES = 1024 * 1024;
