// Plain words for the OpenSSL / Node certificate codes (the set in close-classify.ts). The user reads these in
// Settings and in the popover's banner; a raw code like DEPTH_ZERO_SELF_SIGNED_CERT means nothing to most people.
// Codes and meanings: Node's TLS docs, section "X509 certificate error codes" (nodejs.org/api/tls.html).

const TLS_WORDS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed, and not one this Mac trusts',
  SELF_SIGNED_CERT_IN_CHAIN:
    'comes from a self-signed (private) certificate authority this Mac does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'was issued by a certificate authority this Mac does not know',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'was issued by a certificate authority this Mac does not know',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'cannot be checked: the host did not send the certificate that signed it (an incomplete chain)',
  CERT_UNTRUSTED: 'is not trusted for this purpose',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet (check the date on this Mac and on the host)',
  CERT_SIGNATURE_FAILURE: 'has a signature that does not verify',
  CERT_REJECTED: 'was rejected by this Mac',
  ERR_TLS_CERT_ALTNAME_INVALID: 'was issued for another name than the one in the URL',
  ERR_HUBWATCH_PIN_MISMATCH: 'is not the one you approved',
};

/** "is self-signed, …": completes "The certificate of <host> …". Unknown codes get a generic phrase, never the code. */
export function describeTlsCode(code: string | undefined): string {
  return (code !== undefined ? TLS_WORDS[code] : undefined) ?? 'is not trusted';
}
