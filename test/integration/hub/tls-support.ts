// What the TLS integration tests share: a REST client and a WebSocket connection aimed at a local https server with
// a given trust, run until the connection opens or halts (fake timers, so a refused handshake never waits a backoff).
import { vi, expect } from 'vitest';
import { HubConnection, type ConnectionEvent } from '../../../src/main/hub/connection';
import { HubRestClient } from '../../../src/main/hub/rest';
import type { TlsTrust } from '../../../src/main/hub/tls';
import { systemClock } from '../../../src/main/kernel/clock';
import { FakeTime } from '../../support/fake-time';
import { silentLogger } from '../../support/silent-logger';

export function tlsRest(url: string, trust: TlsTrust, token: string): HubRestClient {
  return new HubRestClient({
    baseUrl: url,
    auth: { method: 'token', token },
    trust,
    clock: systemClock,
    logger: silentLogger,
  });
}

/** Runs a connection until it opens or halts; returns its events. */
export async function runTlsConnection(
  url: string,
  trust: TlsTrust,
  token: string,
): Promise<ConnectionEvent[]> {
  const events: ConnectionEvent[] = [];
  const time = new FakeTime();
  const conn = new HubConnection({
    baseUrl: url,
    eventTypes: ['pdfm'],
    rest: {
      authHeaders: async () => ({ Authorization: `Bearer ${token}` }),
      refreshCredentials: async () => false,
    },
    trust,
    clock: time,
    timers: time,
    logger: silentLogger,
  });
  conn.onEvent((e) => events.push(e));
  conn.start();
  try {
    await vi.waitFor(
      () =>
        expect(
          events.some((e) => ['open', 'tls-untrusted', 'retry-scheduled', 'auth-failed'].includes(e.type)),
        ).toBe(true),
      { timeout: 8_000, interval: 10 },
    );
  } finally {
    await conn.stop();
  }
  return events;
}
