// A scriptable stand-in for the hub client: tests emit connection events and answer REST calls.
import type {
  ConnectionEventLike,
  ConnectionPort,
  HubAuthLike,
  HubFactory,
  HubMessage,
  ParsedVm,
  RestPort,
} from '../../../src/main/core/hub-ports';
import { HostSync } from '../../../src/main/core/sync';
import type { VmAction } from '../../../src/shared/model';
import type { FakeTime } from '../../support/fake-time';
import { silentLogger } from '../../support/silent-logger';
import type { HostConfig } from '../../../src/shared/settings';

/** A promise the test settles by hand, so ordering (event during GET /machines) is explicit. */
export class Deferred<T> {
  resolve!: (v: T) => void;
  reject!: (e: unknown) => void;
  readonly promise = new Promise<T>((res, rej) => {
    this.resolve = res;
    this.reject = rej;
  });
}

export class FakeRest implements RestPort {
  lists: Deferred<ParsedVm[]>[] = [];
  gets: { id: string; d: Deferred<ParsedVm | null> }[] = [];
  actions: { id: string; action: VmAction; force?: boolean }[] = [];
  actionResult: () => Promise<{ message: string }> = async () => ({ message: 'ok' });
  listMachines(): Promise<ParsedVm[]> {
    const d = new Deferred<ParsedVm[]>();
    this.lists.push(d);
    return d.promise;
  }
  getMachine(id: string): Promise<ParsedVm | null> {
    const d = new Deferred<ParsedVm | null>();
    this.gets.push({ id, d });
    return d.promise;
  }
  runAction(id: string, action: VmAction, force?: boolean): Promise<{ message: string }> {
    this.actions.push({ id, action, ...(force === undefined ? {} : { force }) });
    return this.actionResult();
  }
  serverInfo(): Promise<{ devopsVersion: string | null }> {
    return Promise.resolve({ devopsVersion: '1.0.5' });
  }
}

export class FakeConnection implements ConnectionPort {
  private listeners = new Set<(e: ConnectionEventLike) => void>();
  started = 0;
  reconnects = 0;
  stopped = false;
  counters = { attempts: 0, framesReceived: 0, framesInvalid: 0, framesIgnored: 0, framesOversized: 0 };
  onEvent(l: (e: ConnectionEventLike) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  start(): void {
    this.started++;
  }
  reconnectNow(): void {
    this.reconnects++;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  emit(e: ConnectionEventLike): void {
    for (const l of [...this.listeners]) l(e);
  }
  open(): void {
    this.emit({ type: 'open', clientId: 'c', subscriptions: ['pdfm', 'global'] });
  }
  /** One socket read carrying one frame. */
  msg(message: HubMessage): void {
    this.emit({ type: 'messages', messages: [message] });
  }
  /** One socket read carrying several frames (delivered as one batch, as the real connection does). */
  msgs(messages: HubMessage[]): void {
    this.emit({ type: 'messages', messages });
  }
}

export class FakeHub implements HubFactory {
  created: { host: HostConfig; auth: HubAuthLike; rest: FakeRest; connection: FakeConnection }[] = [];
  create(host: HostConfig, auth: HubAuthLike) {
    const rest = new FakeRest();
    const connection = new FakeConnection();
    this.created.push({ host, auth, rest, connection });
    return { rest, connection };
  }
  async testConnection() {
    return { kind: 'ok' as const, serverVersion: '1.0.5', vmCount: 0, subscriptions: ['pdfm'] };
  }
  last(hostId: string) {
    const c = [...this.created].reverse().find((x) => x.host.id === hostId);
    if (!c) throw new Error(`no client for ${hostId}`);
    return c;
  }
}

export const vm = (id: string, name: string, state: string, os = 'macosx'): ParsedVm => ({
  id,
  name,
  state,
  os,
});

/** Let promise callbacks run (REST answers are promises). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A HostSync on the fake clock and a FakeRest, with a 5 s confirmation window and a 60 s re-list: what the
 * sync-level tests start from; `over` supplies the store hooks (getVm, apply) and anything the test is about.
 */
export function fakeTimeSync(
  time: FakeTime,
  rest: FakeRest,
  over: Partial<ConstructorParameters<typeof HostSync>[0]> = {},
): HostSync {
  return new HostSync({
    hostId: 'farm-1',
    rest,
    timers: time,
    now: () => time.now(),
    logger: silentLogger,
    confirmTransitionalAfterMs: 5_000,
    reconcileIntervalMs: 60_000,
    getVm: () => undefined,
    apply: () => undefined,
    onLive: () => undefined,
    onUnauthorized: () => undefined,
    ...over,
  });
}
