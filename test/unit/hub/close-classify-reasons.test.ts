// The whole next step for every kind of attempt end, not just its action: the reason and message are what the
// banner shows ("Next try in 5 s · connection reset"), and the minimum delay decides when the next try happens.
import { describe, expect, it } from 'vitest';
import {
  classifyAttemptEnd,
  stepForRequestError,
  type AttemptEnd,
} from '../../../src/main/hub/close-classify';
import { HubRequestError } from '../../../src/main/hub/errors';

const fresh = { refreshedAlready: false, conflictBackoffMs: 45_000 };
const retry = (reason: string, minDelayMs = 0) => ({ action: 'retry', reason, minDelayMs });
const networkError = (code: string): AttemptEnd => ({ kind: 'error', code, message: `raw ${code}` });

describe('classifyAttemptEnd: the full step', () => {
  it('words each network error code for people', () => {
    expect(classifyAttemptEnd(networkError('EAI_AGAIN'), fresh)).toEqual(retry('host name lookup failed'));
    expect(classifyAttemptEnd(networkError('EHOSTUNREACH'), fresh)).toEqual(retry('host unreachable'));
    expect(classifyAttemptEnd(networkError('ENETUNREACH'), fresh)).toEqual(retry('network unreachable'));
    expect(classifyAttemptEnd(networkError('ECONNRESET'), fresh)).toEqual(retry('connection reset'));
    expect(classifyAttemptEnd(networkError('ETIMEDOUT'), fresh)).toEqual(retry('connection timed out'));
    expect(classifyAttemptEnd(networkError('EPIPE'), fresh)).toEqual(retry('connection closed by the host'));
    expect(classifyAttemptEnd(networkError('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'), fresh)).toEqual(
      retry('a frame exceeded the size limit'),
    );
  });

  it('keeps the raw message for a code it has no words for', () => {
    expect(classifyAttemptEnd(networkError('EWEIRD'), fresh)).toEqual(retry('raw EWEIRD'));
  });

  it('treats 403 like 401: one refresh first, then the credentials have failed', () => {
    const end: AttemptEnd = { kind: 'http-status', status: 403, body: { message: 'forbidden' } };
    expect(classifyAttemptEnd(end, fresh)).toEqual({
      action: 'refresh-and-retry',
      reason: 'HTTP 403 (forbidden)',
      message: 'Credentials rejected by the host (forbidden)',
    });
    expect(classifyAttemptEnd(end, { ...fresh, refreshedAlready: true })).toEqual({
      action: 'auth-failed',
      message: 'Credentials rejected by the host (forbidden)',
    });
  });

  it('says why an upgrade was refused, with the server text when it sent one', () => {
    const status = (code: number, body: unknown = null): AttemptEnd => ({
      kind: 'http-status',
      status: code,
      body,
    });
    expect(classifyAttemptEnd(status(401), fresh)).toEqual({
      action: 'refresh-and-retry',
      reason: 'HTTP 401',
      message: 'Credentials rejected by the host',
    });
    expect(classifyAttemptEnd(status(409, { message: 'busy' }), fresh)).toEqual(
      retry('HTTP 409: another connection from this address is active (busy)', 45_000),
    );
    expect(classifyAttemptEnd(status(503), fresh)).toEqual(
      retry('HTTP 503: the event service is unavailable'),
    );
    expect(classifyAttemptEnd(status(500), fresh)).toEqual(retry('HTTP 500: server error'));
    expect(classifyAttemptEnd(status(502, { error: 'bad gateway' }), fresh)).toEqual(
      retry('HTTP 502: server error (bad gateway)'),
    );
    expect(classifyAttemptEnd(status(499), fresh)).toEqual(
      retry('HTTP 499: the host refused the WebSocket upgrade'),
    );
    expect(classifyAttemptEnd(status(404, { message: 'not found' }), fresh)).toEqual(
      retry('HTTP 404: the host refused the WebSocket upgrade (not found)'),
    );
  });

  it('names each close code, and the close reason when there is one', () => {
    const closed = (code: number, reason = ''): AttemptEnd => ({ kind: 'closed', code, reason });
    expect(classifyAttemptEnd(closed(1009), fresh)).toEqual(retry('a frame exceeded the size limit (1009)'));
    expect(classifyAttemptEnd(closed(1001), fresh)).toEqual(retry('the server is shutting down (1001)'));
    expect(classifyAttemptEnd(closed(1001, 'restart'), fresh)).toEqual(
      retry('the server is shutting down (1001: restart)'),
    );
    expect(classifyAttemptEnd(closed(1006), fresh)).toEqual(retry('connection lost (1006)'));
    expect(classifyAttemptEnd(closed(1000), fresh)).toEqual(retry('connection closed (1000)'));
    expect(classifyAttemptEnd(closed(4000, 'bye'), fresh)).toEqual(retry('connection closed (4000: bye)'));
  });

  it('rounds the liveness wait to whole seconds', () => {
    expect(classifyAttemptEnd({ kind: 'liveness-timeout', afterMs: 44_600 }, fresh)).toEqual(
      retry('no data or ping for 45 s'),
    );
  });
});

describe('stepForRequestError: the full step', () => {
  it('an untrusted certificate without a fingerprint cannot be approved: it is retried', () => {
    expect(stepForRequestError(new HubRequestError('tls-untrusted', 'untrusted, no certificate'))).toEqual(
      retry('untrusted, no certificate'),
    );
  });

  it('rejected credentials stop the retries', () => {
    expect(
      stepForRequestError(new HubRequestError('unauthorized', 'Credentials rejected by the host')),
    ).toEqual({
      action: 'auth-failed',
      message: 'Credentials rejected by the host',
    });
  });

  it('a plain Error keeps its message; anything else is a failed connection', () => {
    expect(stepForRequestError(new Error('socket hang up'))).toEqual(retry('socket hang up'));
    expect(stepForRequestError('weird')).toEqual(retry('connection failed'));
    expect(stepForRequestError({ kind: 'unauthorized', message: 'looks like one' })).toEqual(
      retry('connection failed'),
    );
  });
});
