// Cheap, strict trust for a host whose certificate the user approved (pinned by SHA-256 fingerprint).
//
// Why this shape: a pinned certificate is often issued by a private CA (internal root -> intermediate -> leaf)
// whose root the server never sends. Trusting "system roots + whatever the server presented" then fails with
// UNABLE_TO_GET_ISSUER_CERT (leaf + intermediate) or UNABLE_TO_VERIFY_LEAF_SIGNATURE (leaf only), because
// OpenSSL wants a chain ending in a self-signed root. Instead the pinned leaf itself is the only trust anchor,
// with `allowPartialTrustChain` (Node docs, tls.createSecureContext: "Treat intermediate (non-self-signed)
// certificates in the trust CA certificate list as trusted", added v22.9.0 / v20.18.0, so in Electron 45's
// Node): exactly the approved certificate verifies, in both serving variants, and nothing else does.
// checkServerIdentity still checks the host name and the pin during the handshake, before credentials go out.
//
// Why cached: building a context from ~144 system roots and probing the peer before every request cost
// 17-20 ms CPU each and an extra handshake; the context (and a keep-alive agent) is built once per host+pin.
import * as https from 'node:https';
import * as tls from 'node:tls';
import { HubRequestError } from './errors';

export interface PinnedTrust {
  readonly secureContext: tls.SecureContext;
  readonly checkServerIdentity: (hostname: string, cert: tls.PeerCertificate) => Error | undefined;
  /** Keep-alive agent for REST to this host with this pin (WebSockets get their own connection). */
  readonly agent: https.Agent;
}

const MAX_ENTRIES = 256;
const cache = new Map<string, Promise<PinnedTrust>>();

function pinMismatchError(expected: string, actual: string): Error & { code: string } {
  const error = new Error(
    `certificate fingerprint ${actual} does not match the approved ${expected}`,
  ) as Error & { code: string };
  error.code = 'ERR_HUBWATCH_PIN_MISMATCH';
  return error;
}

/** Pin first (the reason the peer is trusted at all), then the usual host name check. */
function pinnedIdentityCheck(
  pin: string,
  normalize: (fp: string) => string,
): (hostname: string, cert: tls.PeerCertificate) => Error | undefined {
  return (hostname, cert) => {
    const actual = normalize(cert.fingerprint256);
    if (actual !== pin) return pinMismatchError(pin, actual);
    return tls.checkServerIdentity(hostname, cert);
  };
}

/**
 * The trust for `host:port` pinned to `pin`. `fetchLeaf` (a probe handshake that sends nothing) runs once per
 * host+pin; a leaf that does not match the pin is refused and not cached.
 */
export function pinnedTrustFor(
  host: string,
  port: number,
  pin: string,
  fetchLeaf: () => Promise<{ fingerprint: string; certPem: string }>,
  normalize: (fp: string) => string,
): Promise<PinnedTrust> {
  const key = `${host}:${port}|${pin}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const entry = fetchLeaf().then((leaf) => {
    if (leaf.fingerprint !== pin) {
      throw new HubRequestError('tls-untrusted', "The host's certificate changed since you approved it", {
        fingerprint: leaf.fingerprint,
      });
    }
    const secureContext = tls.createSecureContext({
      ca: leaf.certPem,
      allowPartialTrustChain: true,
      minVersion: 'TLSv1.2',
    });
    const checkServerIdentity = pinnedIdentityCheck(pin, normalize);
    const agent = new https.Agent({ keepAlive: true, maxSockets: 8, timeout: 60_000 });
    return { secureContext, checkServerIdentity, agent };
  });
  // A failed probe (host down, wrong certificate) is not remembered: the next request asks again.
  entry.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  cache.set(key, entry);
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) {
      const evicted = cache.get(oldest);
      cache.delete(oldest);
      void evicted?.then(
        (t) => t.agent.destroy(),
        () => undefined,
      );
    }
  }
  return entry;
}
