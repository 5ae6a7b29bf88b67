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
