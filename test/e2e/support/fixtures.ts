// Browser e2e fixtures: a fresh simulator and a fresh web preview (real core + real handlers + built renderer)
// per test, so every test starts from a known truth and nothing leaks between them.
import { test as base, expect, type Page } from '@playwright/test';
import { startWebPreview, type WebPreview } from '../../../src/dev/preview-app';
import type { AppCoreOptions } from '../../../src/main/core/app-core';
import type { HostInput } from '../../../src/shared/settings';
import { startSimulator, type SimOptions, type Simulator } from '../../sim/index';
import { createRecordingTimers, type RecordingTimers } from '../../reliability/support/timers';

export interface HubSetup {
  readonly sim: Simulator;
  readonly preview: WebPreview;
  /** Every line the preview printed (notifications are `{"notification":…}` JSON lines). */
  readonly lines: string[];
  /** The core's timers, recorded (real clock): lets a test wait for a window to have passed, not for a time. */
  readonly timers: RecordingTimers;
  notifications(): { hostId: string; vmId: string | null; title: string; body: string }[];
  popoverUrl(): string;
  settingsUrl(): string;
}

export interface HubOptions {
  sim: SimOptions;
  auth: 'password' | 'token';
  withHost: boolean;
  core: AppCoreOptions;
  /** Pin the simulator's certificate (as "Approve this certificate" does) for a TLS simulator. */
  pin: boolean;
}

/** Short timings so outage and recovery tests finish in seconds, not minutes. */
export const FAST_CORE: AppCoreOptions = {
  backoff: { initialMs: 200, maxMs: 1_000, stableAfterMs: 5_000 },
  livenessTimeoutMs: 3_000,
  confirmTransitionalAfterMs: 1_000,
  coalesceWindowMs: 1_000,
};

export function hostFor(sim: Simulator, auth: HubOptions['auth'], pin = false): HostInput {
  const common = {
    id: 'farm-1',
    name: 'farm-1',
    url: sim.url,
    pinnedFingerprint: pin ? sim.fingerprint : null,
    enabled: true,
  } as const;
  return auth === 'token'
    ? { ...common, auth: 'token', username: '', secret: sim.issueToken() }
    : { ...common, auth: 'password', username: sim.credentials.username, secret: sim.credentials.password };
}

export const test = base.extend<HubOptions & { hub: HubSetup }>({
  sim: [{ vms: 12, seed: 7, pingIntervalMs: 1_000, pongWaitMs: 3_000 }, { option: true }],
  auth: ['password', { option: true }],
  withHost: [true, { option: true }],
  core: [FAST_CORE, { option: true }],
  pin: [false, { option: true }],
  hub: async ({ sim: simOptions, auth, withHost, core, pin }, use) => {
    const sim = await startSimulator(simOptions);
    const lines: string[] = [];
    const timers = createRecordingTimers();
    const preview = await startWebPreview({
      timers,
      hosts: withHost ? [hostFor(sim, auth, pin)] : [],
      coreOptions: core,
      output: (line) => lines.push(line),
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });
    await use({
      sim,
      preview,
      lines,
      timers,
      notifications: () =>
        lines
          .map(
            (line) =>
              JSON.parse(line) as {
                notification?: { hostId: string; vmId: string | null; title: string; body: string };
              },
          )
          .flatMap((entry) => (entry.notification ? [entry.notification] : [])),
      popoverUrl: () => preview.server.pageUrl('popover'),
      settingsUrl: () => preview.server.pageUrl('settings'),
    });
    await preview.close();
    await sim.close();
  },
});

export { expect };

/** The VM rows as the user sees them: id -> { name, state }. */
async function visibleVms(page: Page): Promise<Map<string, { name: string; state: string }>> {
  const rows = await page.getByTestId('vm-row').evaluateAll((elements) =>
    elements.map((el) => ({
      id: el.getAttribute('data-vm-id') ?? '',
      state: el.getAttribute('data-state') ?? '',
      name: el.querySelector('[data-testid="vm-name"]')?.textContent?.trim() ?? '',
    })),
  );
  return new Map(rows.map((row) => [row.id, { name: row.name, state: row.state }]));
}

function truthOf(sim: Simulator): Map<string, { name: string; state: string }> {
  return new Map(sim.vms().map((vm) => [vm.id, { name: vm.name, state: vm.state }]));
}

/** Waits until the popover shows exactly the simulator's truth (ids, names, states). */
export async function expectListEqualsTruth(page: Page, sim: Simulator, timeout = 10_000): Promise<void> {
  await expect
    .poll(async () => [...(await visibleVms(page))].sort(), { timeout })
    .toEqual([...truthOf(sim)].sort());
}

export function row(page: Page, vmId: string) {
  return page.locator(`[data-testid="vm-row"][data-vm-id="${vmId}"]`);
}

/** The core's timers that can still raise a notification: the notify policy's window and VM confirmations. */
const NOTIFY_WINDOW_SITES = /NotifyRunner\.rearm|ConfirmDeadlines\.schedule/;

/**
 * Waits until the coalescing window opened by a notification has closed (its timer ran) and no confirmation is
 * pending, so a count read afterwards is final: a duplicate would have been raised by then.
 */
export async function notificationWindowsPassed(hub: HubSetup): Promise<void> {
  await expect
    .poll(
      () => ({
        windowTimerRan: hub.timers.armed.some(
          (t) => /NotifyRunner\.rearm/.test(t.site) && t.state === 'fired',
        ),
        pending: hub.timers
          .pending()
          .filter((t) => NOTIFY_WINDOW_SITES.test(t.site))
          .map((t) => t.site),
      }),
      { timeout: 10_000 },
    )
    .toEqual({ windowTimerRan: true, pending: [] });
}
