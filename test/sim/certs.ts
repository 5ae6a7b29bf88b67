// The checked-in self-signed pairs (see certs/README.md). Loaded from disk next to this file so no openssl binary
// is needed at run time and fingerprints are stable across runs.
import { readFileSync } from 'node:fs';
import type { TlsPair } from './types';

function load(name: string): TlsPair {
  const read = (file: string): string => readFileSync(new URL(`./certs/${file}`, import.meta.url), 'utf8');
  return { certPem: read(`${name}-cert.pem`), keyPem: read(`${name}-key.pem`) };
}

/** The pair `tls: true` serves. */
export const PRIMARY_CERT: TlsPair = load('primary');
/** A second, distinct pair for "the server now presents a different certificate" tests. */
export const ALTERNATE_CERT: TlsPair = load('alternate');

const readPem = (file: string): string => readFileSync(new URL(`./certs/${file}`, import.meta.url), 'utf8');

/** The private CA's root (never in any system store) and intermediate, for tests that reason about the chain. */
export const PRIVATE_CA_ROOT_PEM: string = readPem('private-ca-root-cert.pem');
const PRIVATE_CA_INTERMEDIATE_PEM: string = readPem('private-ca-intermediate-cert.pem');
const PRIVATE_CA_LEAF_PEM = readPem('private-ca-leaf-cert.pem');
const PRIVATE_CA_LEAF_KEY = readPem('private-ca-leaf-key.pem');

/** Private CA served as leaf + intermediate (the common full-chain file). */
export const PRIVATE_CA_CHAIN: TlsPair = {
  certPem: `${PRIVATE_CA_LEAF_PEM.trimEnd()}\n${PRIVATE_CA_INTERMEDIATE_PEM}`,
  keyPem: PRIVATE_CA_LEAF_KEY,
};
/** Private CA served as the leaf alone (a misconfigured but common server). */
export const PRIVATE_CA_LEAF_ONLY: TlsPair = { certPem: PRIVATE_CA_LEAF_PEM, keyPem: PRIVATE_CA_LEAF_KEY };
/** The CA (certificate only: its key was discarded after signing) that issued both same-CA leaves below. */
const SAME_CA_ROOT_PEM: string = readFileSync(
  new URL('./certs/same-ca-root-cert.pem', import.meta.url),
  'utf8',
);
/** Two leaves for 127.0.0.1 from that one CA, each served with the CA after it (the chain a real server sends).
 *  Chain verification cannot tell them apart once the CA is trusted; only a fingerprint check can. */
export const SAME_CA_LEAF_A: TlsPair = withRoot(load('same-ca-leaf-a'));
export const SAME_CA_LEAF_B: TlsPair = withRoot(load('same-ca-leaf-b'));

function withRoot(pair: TlsPair): TlsPair {
  return { certPem: pair.certPem + SAME_CA_ROOT_PEM, keyPem: pair.keyPem };
}
