// Shared state of one modelled Electron process: configuration, the ready gate, recorded rule violations and
// the strict wrapper that makes every unmodelled member throw (so the product cannot lean on a lenient stand-in).
import type { RuleId } from './rules';

export interface DisplayConfig {
  readonly id: number;
  readonly bounds: { x: number; y: number; width: number; height: number };
  readonly workArea: { x: number; y: number; width: number; height: number };
  readonly primary?: boolean;
}

export interface ModelConfig {
  /** What app.getAppPath() returns: the project root (`electron .`), out/main (wrong) or a packaged app dir. */
  readonly appPath: string;
  readonly isPackaged: boolean;
  readonly home: string;
  readonly displays: readonly DisplayConfig[];
  readonly encryptionAvailable: boolean;
  /** Code-signed (ad hoc is enough): unsigned apps get 'failed' for every notification. */
  readonly signed: boolean;
  /** The user's answer to the permission prompt, given `permissionAnswerMs` after it appears. */
  readonly notificationPermission: 'granted' | 'denied';
  readonly permissionAnswerMs: number;
  /** Notifications delivered by a previous run, still in Notification Center. */
  readonly history: readonly { id: string; title: string; body: string }[];
}

export const DEFAULT_DISPLAYS: readonly DisplayConfig[] = [
  {
    id: 1,
    primary: true,
    bounds: { x: 0, y: 0, width: 1512, height: 982 },
    workArea: { x: 0, y: 33, width: 1512, height: 949 },
  },
];

export interface Violation {
  readonly rule: RuleId;
  readonly detail: string;
}

export class ModelState {
  ready = false;
  readonly violations: Violation[] = [];
  /** Every call the product made, in order, as "Class.member" (for assertions on wiring). */
  readonly calls: string[] = [];
  /** Whether our app is the active (frontmost) application, i.e. owns keyboard focus. */
  appActive = false;
  /** Set by the app: the last open window was destroyed (window_list.cc → Browser::OnWindowAllClosed). */
  onAllWindowsClosed: (() => void) | null = null;
  /** Test control: every loadURL rejects with this error (no ready-to-show follows). */
  loadFailure: Error | null = null;
  constructor(readonly config: ModelConfig) {}

  violate(rule: RuleId, detail: string): void {
    this.violations.push({ rule, detail });
  }

  requireReady(what: string): void {
    if (!this.ready)
      throw new Error(`${what} cannot be used before the app is ready (electron-model ready gate)`);
  }
}

const PASS_THROUGH = new Set<PropertyKey>(['then', 'toJSON', 'constructor', 'inspect', 'asymmetricMatch']);

/**
 * A proxy that throws on any member the model does not implement, instead of returning undefined: the product
 * calling an Electron API the model lacks must be noticed (and then modelled, checked against electron.d.ts).
 */
export function strict<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || PASS_THROUGH.has(prop) || prop in obj) {
        return Reflect.get(obj, prop, receiver) as unknown;
      }
      throw new Error(`electron-model: ${name}.${prop} is not modelled`);
    },
  });
}
