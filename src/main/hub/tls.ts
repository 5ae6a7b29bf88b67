// Certificate trust for one host: system CAs, or exactly one user-approved certificate (pinned by SHA-256).
// Never a blanket rejectUnauthorized:false on a connection that carries credentials: the probe that reads the
// peer certificate sends nothing and is closed right after the handshake.
import type * as https from 'node:https';
import * as tls from 'node:tls';
import { formatDuration, HubRequestError } from './errors';
import { pinnedTrustFor } from './tls-pinned';

export interface TlsTrust {
  readonly pinnedFingerprint: string | null;
}

interface PeerCertificate {
  /** "AB:CD:…" upper-case, colon-separated SHA-256 of the DER certificate. */
  fingerprint: string;
  certPem: string;
}

/** Canonical form of a fingerprint typed or pasted in any common spelling ("ab cd", "abcd", "AB:CD"). */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return (hex.match(/.{1,2}/g) ?? []).join(':');
}

function toPem(raw: Buffer): string {
  const b64 = raw.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${b64.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function stripBrackets(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/** Connects, reads the peer's leaf certificate, closes. Sends no application data. */
function fetchPeerCertificate(host: string, port: number, timeoutMs = 10_000): Promise<PeerCertificate> {
  const hostname = stripBrackets(host);
  return new Promise((resolve, reject) => {
    let settled = false;
    const socket = tls.connect({
      host: hostname,
      port,
      // Only this probe skips verification: it reads the certificate so we can show or compare its fingerprint.
      rejectUnauthorized: false,
      ...(isIp(hostname) ? {} : { servername: hostname }),
    });
    const finish = (error: Error | null, value?: PeerCertificate): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else if (value) resolve(value);
    };
    const timer = setTimeout(
      () =>
        finish(
          new HubRequestError(
            'timeout',
            `No TLS handshake with ${hostname}:${port} within ${formatDuration(timeoutMs)}`,
          ),
        ),
      timeoutMs,
    );
    timer.unref();
    socket.once('secureConnect', () => {
      // Only the leaf: it is what the user approves and the pinned trust's only anchor (tls-pinned.ts), so the
      // issuers the server sent are not read.
      const leaf = socket.getPeerCertificate();
      if (!leaf || !leaf.raw) {
        finish(new HubRequestError('bad-response', `${hostname}:${port} presented no certificate`));
        return;
      }
      finish(null, { fingerprint: normalizeFingerprint(leaf.fingerprint256), certPem: toPem(leaf.raw) });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) {
        finish(new HubRequestError('unreachable', `Cannot reach ${hostname}:${port} (${code})`));
      } else {
        finish(
          new HubRequestError(
            'unreachable',
            `TLS handshake with ${hostname}:${port} failed (${code || error.message})`,
          ),
        );
      }
    });
  });
}

export async function fetchPeerFingerprint(
  host: string,
  port: number,
  timeoutMs?: number,
): Promise<{ fingerprint: string; certPem: string }> {
  const { fingerprint, certPem } = await fetchPeerCertificate(host, port, timeoutMs);
  return { fingerprint, certPem };
}

export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
}

/** Options for one request, plus the keep-alive agent REST may use for a pinned host. */
export type HubTlsOptions = tls.ConnectionOptions & { readonly pinnedAgent?: https.Agent };

/**
 * TLS options for a request to `url`, or null for plain http/ws.
 * Pinned: the approved leaf is the only trust anchor (tls-pinned.ts: works for private-CA chains served with or
 * without their intermediate), and checkServerIdentity checks the pin and the host name during the handshake, so
 * credentials are never written to a peer we have not verified. Built once per host+pin, not per request.
 */
export async function tlsOptionsFor(url: URL, trust: TlsTrust): Promise<HubTlsOptions | null> {
  if (url.protocol !== 'https:' && url.protocol !== 'wss:') return null;
  const host = stripBrackets(url.hostname);
  const base: tls.ConnectionOptions = {
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(isIp(host) ? {} : { servername: host }),
  };
  if (!trust.pinnedFingerprint) return base;
  const pin = normalizeFingerprint(trust.pinnedFingerprint);
  const port = portOf(url);
  const pinned = await pinnedTrustFor(
    host,
    port,
    pin,
    () => fetchPeerFingerprint(host, port),
    normalizeFingerprint,
  );
  return {
    ...base,
    secureContext: pinned.secureContext,
    checkServerIdentity: pinned.checkServerIdentity,
    pinnedAgent: pinned.agent,
  };
}
