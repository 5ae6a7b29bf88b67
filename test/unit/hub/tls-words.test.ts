import { describe, expect, it } from 'vitest';
import { classifyAttemptEnd, isTlsTrustError } from '../../../src/main/hub/close-classify';
import { describeTlsCode } from '../../../src/main/hub/tls-words';

const CODES = [
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_HUBWATCH_PIN_MISMATCH',
];

describe('describeTlsCode', () => {
  it.each(CODES)('words %s for people, without the code', (code) => {
    expect(isTlsTrustError(code)).toBe(true);
    const words = describeTlsCode(code);
    expect(words).not.toBe(describeTlsCode('SOMETHING_UNKNOWN'));
    expect(words).not.toMatch(/[A-Z]+_[A-Z_]+/);
  });

  it('says specific things for the common cases', () => {
    expect(describeTlsCode('DEPTH_ZERO_SELF_SIGNED_CERT')).toMatch(/self-signed/);
    expect(describeTlsCode('CERT_HAS_EXPIRED')).toMatch(/expired/);
    expect(describeTlsCode('ERR_TLS_CERT_ALTNAME_INVALID')).toMatch(/another name/);
  });

  it('never shows an unknown code, nor undefined', () => {
    expect(describeTlsCode('X509_WEIRD_NEW_CODE')).toBe('is not trusted');
    expect(describeTlsCode(undefined)).toBe('is not trusted');
  });

  it('the socket path words its message without the raw code', () => {
    const step = classifyAttemptEnd(
      { kind: 'error', code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
      { refreshedAlready: false, conflictBackoffMs: 0 },
    );
    expect(step).toEqual({ action: 'tls-untrusted', message: "The host's certificate has expired" });
  });
});
