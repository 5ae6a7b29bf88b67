import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyAttemptEnd, type AttemptEnd, type NextStep } from '../../../src/main/hub/close-classify';

const rest = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/events-hub/rest', name), 'utf8'));
const fresh = { refreshedAlready: false, conflictBackoffMs: 45_000 };
const refreshed = { refreshedAlready: true, conflictBackoffMs: 45_000 };

describe('classifyAttemptEnd', () => {
  const table: [string, AttemptEnd, typeof fresh, Partial<NextStep>][] = [
    [
      '401 expired, first time -> refresh',
      { kind: 'http-status', status: 401, body: rest('ws-401-expired.json') },
      fresh,
      { action: 'refresh-and-retry' },
    ],
    [
      '401 after a refresh -> auth-failed with the server text',
      { kind: 'http-status', status: 401, body: rest('ws-401-expired.json') },
      refreshed,
      { action: 'auth-failed', message: 'Credentials rejected by the host (Token is expired)' },
    ],
    [
      '401 null body after refresh',
      { kind: 'http-status', status: 401, body: null },
      refreshed,
      { action: 'auth-failed', message: 'Credentials rejected by the host' },
    ],
    [
      '409 legacy -> retry >= 45 s',
      { kind: 'http-status', status: 409, body: rest('ws-409-legacy.json') },
      fresh,
      { action: 'retry', minDelayMs: 45_000 },
    ],
    [
      '503 -> back-off',
      { kind: 'http-status', status: 503, body: rest('ws-503.json') },
      fresh,
      { action: 'retry', minDelayMs: 0 },
    ],
    [
      '502 -> back-off',
      { kind: 'http-status', status: 502, body: undefined },
      fresh,
      { action: 'retry', minDelayMs: 0 },
    ],
    [
      '400 -> back-off',
      { kind: 'http-status', status: 400, body: undefined },
      fresh,
      { action: 'retry', minDelayMs: 0 },
    ],
    [
      'ECONNREFUSED -> back-off',
      { kind: 'error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      fresh,
      { action: 'retry', reason: 'connection refused' },
    ],
    [
      'ENOTFOUND -> back-off',
      { kind: 'error', code: 'ENOTFOUND', message: 'x' },
      fresh,
      { action: 'retry', reason: 'host not found' },
    ],
    [
      'self-signed -> tls-untrusted',
      { kind: 'error', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
      fresh,
      { action: 'tls-untrusted' },
    ],
    [
      'pin mismatch -> tls-untrusted',
      { kind: 'error', code: 'ERR_HUBWATCH_PIN_MISMATCH', message: 'x' },
      fresh,
      { action: 'tls-untrusted' },
    ],
    [
      'handshake timeout -> back-off',
      { kind: 'error', code: undefined, message: 'Opening handshake has timed out' },
      fresh,
      { action: 'retry', reason: 'Opening handshake has timed out' },
    ],
    [
      '1006 -> back-off',
      { kind: 'closed', code: 1006, reason: '' },
      fresh,
      { action: 'retry', reason: 'connection lost (1006)' },
    ],
    [
      '1001 shutting down -> back-off',
      { kind: 'closed', code: 1001, reason: 'service is shutting down' },
      fresh,
      { action: 'retry' },
    ],
    ['1009 too big -> back-off', { kind: 'closed', code: 1009, reason: '' }, fresh, { action: 'retry' }],
    [
      'liveness -> back-off',
      { kind: 'liveness-timeout', afterMs: 45_000 },
      fresh,
      { action: 'retry', reason: 'no data or ping for 45 s' },
    ],
  ];
  it.each(table)('%s', (_name, end, ctx, expected) => {
    expect(classifyAttemptEnd(end, ctx)).toMatchObject(expected);
  });

  it('409 uses the configured minimum', () => {
    expect(
      classifyAttemptEnd(
        { kind: 'http-status', status: 409, body: null },
        { refreshedAlready: false, conflictBackoffMs: 90_000 },
      ),
    ).toMatchObject({ minDelayMs: 90_000 });
  });

  it('the 503 reason carries the diagnostics text, not the multi-line summary', () => {
    const step = classifyAttemptEnd({ kind: 'http-status', status: 503, body: rest('ws-503.json') }, fresh);
    expect(step.action === 'retry' && step.reason).toBe(
      'HTTP 503: the event service is unavailable (EventEmitter service is not available)',
    );
  });
});

describe('stepForRequestError', () => {
  it('maps pre-socket failures', async () => {
    const { stepForRequestError } = await import('../../../src/main/hub/close-classify');
    const { HubRequestError } = await import('../../../src/main/hub/errors');
    expect(
      stepForRequestError(new HubRequestError('tls-untrusted', 'changed', { fingerprint: 'AA' })),
    ).toEqual({ action: 'tls-untrusted', message: 'changed' });
    expect(
      stepForRequestError(new HubRequestError('unauthorized', 'Credentials rejected by the host')),
    ).toMatchObject({ action: 'auth-failed' });
    expect(stepForRequestError(new HubRequestError('unreachable', 'Cannot reach x'))).toEqual({
      action: 'retry',
      reason: 'Cannot reach x',
      minDelayMs: 0,
    });
    expect(stepForRequestError('weird')).toMatchObject({ action: 'retry' });
  });
});
