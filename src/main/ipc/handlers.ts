// One handler per invoke channel, shared by the Electron IPC wrapper and the web preview bridge. Each validates its
// argument, calls the core or the settings service, and turns every failure into { ok:false, error }: nothing a
// renderer sends can make a handler throw.
import type { InvokeChannel, InvokeResult, Result, SettingsFocus } from '../../shared/ipc';
import type { Snapshot } from '../../shared/model';
import { firstScreenOf } from '../../shared/first-screen';
import type { HostInput } from '../../shared/settings';
import type { AppCore } from '../core/ports';
import type { Clock } from '../kernel/clock';
import { pauseUntil } from './pause';
import { createSnapshotPins } from '../../shared/snapshot-slices';
import type { SettingsService } from './settings-service';
import {
  validateHostInput,
  validatePause,
  validateReconnect,
  validateSettingsInput,
  validateSnapshotRequest,
  validateSnapshotSliceRequest,
  validateVmActionRequest,
  validateVmMute,
  validateOpenSettings,
  validateUnsaved,
  validateVoid,
  ValidationError,
} from './validate';

export interface WindowControls {
  hidePopover(): void;
  quit(): void;
  /** `focus`: select that host and focus its credential field (the credentials path's "Fix…"). */
  openSettings(focus?: SettingsFocus | null): void;
  /** The settings page holds unsaved edits (or no longer does): closing its window asks first. */
  setSettingsUnsaved(unsaved: boolean): void;
  /** The popover missed a state push: send it a full snapshot next. */
  resyncPopoverState(): void;
  /**
   * The popover pulled `whole` (read in the same synchronous step as the core's VM change cursor): the popover's
   * pusher remembers it as a push and returns its generation, or null when the page already builds on pushes
   * (push-deltas.ts adopt). Absent: pulls are never a push base (the page waits for a full push).
   */
  adoptPopoverState?(whole: Snapshot, vmCursor: number): number | null;
}

export type InvokeHandlers = { [C in InvokeChannel]: (arg: unknown) => Promise<Result<InvokeResult<C>>> };

export interface InvokeHandlerDeps {
  core: AppCore;
  settings: SettingsService;
  windows: WindowControls;
  clock: Clock;
}

const MAX_ERROR_LENGTH = 500;

/** A message fit for the UI: validation messages as-is, anything else by its message, bounded. */
function errorMessage(error: unknown): string {
  if (error instanceof ValidationError) return `Invalid request: ${error.message}`;
  const text =
    error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unexpected error';
  return (text || 'Unexpected error').slice(0, MAX_ERROR_LENGTH);
}

async function guard<T>(run: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

export function createInvokeHandlers(deps: InvokeHandlerDeps): InvokeHandlers {
  const { core, settings, windows, clock } = deps;
  const pins = createSnapshotPins();
  return {
    'vm:snapshot': (arg) =>
      guard(() => {
        const request = validateSnapshotRequest(arg);
        // The cursor in the same synchronous step as the snapshot: every VM change after it is in the next delta.
        const cursor = core.view.vmCursor();
        const whole = core.snapshot();
        // The whole snapshot the page will hold (at once, or from the slices) is the base of the next push.
        const generation = windows.adoptPopoverState?.(whole, cursor) ?? null;
        const first = request === undefined ? whole : firstScreenOf(whole);
        if (first.firstScreen === undefined)
          return generation === null ? whole : { ...whole, pushGeneration: generation };
        // Partial: the rest is kept for the page's slice pulls (shared/snapshot-slices.ts).
        const rest = pins.pin(whole);
        return {
          ...first,
          firstScreen: {
            ...first.firstScreen,
            rest: generation === null ? rest : { ...rest, pushGeneration: generation },
          },
        };
      }),
    'vm:snapshot-slice': (arg) =>
      guard(() => {
        const { id, index } = validateSnapshotSliceRequest(arg);
        return pins.slice(id, index);
      }),
    'state:resync': (arg) =>
      guard(() => {
        validateVoid(arg);
        windows.resyncPopoverState();
      }),
    'vm:action': (arg) =>
      guard(async () => {
        const r = validateVmActionRequest(arg);
        const { message } =
          r.farmHostId === undefined
            ? await core.runAction(r.hostId, r.vmId, r.action, r.force)
            : await core.runAction(r.hostId, r.vmId, r.action, r.force, r.farmHostId);
        return { message };
      }),
    'vm:mute': (arg) =>
      guard(() => {
        const r = validateVmMute(arg);
        if (r.farmHostId === undefined) core.setVmMuted(r.hostId, r.vmId, r.muted);
        else core.setVmMuted(r.hostId, r.vmId, r.muted, r.farmHostId);
      }),
    'hub:reconnect': (arg) =>
      guard(() => {
        core.reconnect(validateReconnect(arg).hostId);
      }),
    'notifications:pause': (arg) =>
      guard(() => {
        core.pauseNotifications(pauseUntil(validatePause(arg).for, clock.now()));
      }),
    'app:quit': (arg) =>
      guard(() => {
        validateVoid(arg);
        windows.quit();
      }),
    'popover:hide': (arg) =>
      guard(() => {
        validateVoid(arg);
        windows.hidePopover();
      }),
    'settings:open': (arg) =>
      guard(() => {
        windows.openSettings(validateOpenSettings(arg).focus);
      }),
    'settings:get': (arg) =>
      guard(() => {
        validateVoid(arg);
        return settings.view();
      }),
    'settings:unsaved': (arg) =>
      guard(() => {
        windows.setSettingsUnsaved(validateUnsaved(arg).unsaved);
      }),
    'settings:save': (arg) => guard(() => settings.save(validateSettingsInput(arg))),
    'hub:test-connection': (arg) =>
      guard(async () => {
        const { secret, ...host } = validateHostInput(arg);
        // "Test" before saving a new secret uses the typed one; otherwise the stored one (never sent back).
        const useSecret =
          secret !== undefined && secret !== ''
            ? secret
            : host.id === ''
              ? null
              : await settings.secretFor(host.id);
        const target: HostInput = host;
        return core.testConnection(target, useSecret);
      }),
  };
}

/** Apply settings to the core now and on every change; returns the unsubscribe. */
export function connectSettingsToCore(settings: SettingsService, core: AppCore): () => void {
  core.configure(settings.current());
  return settings.onChange((next) => core.configure(next));
}
