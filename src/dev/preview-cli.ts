// Turns `--host URL (--token T | --api-key ID:SECRET | --user U --password P) [--fingerprint FP]` into the one
// host the web preview watches. Kept apart from the entry point so it can be tested without starting anything.
import { parseArgs } from 'node:util';
import type { HostInput } from '../shared/settings';

export interface PreviewCliOptions {
  readonly host: HostInput;
  readonly port: number | undefined;
}

export class UsageError extends Error {}

// The URL may be one Mac's Events Hub or an orchestrator: the entry has no kind, so the core asks the server what it
// is (orchestrator-protocol.md §1.3) and watches a farm when it is an orchestrator.
export const USAGE =
  'usage: npm run preview:web -- --host <http(s)://host:port> (--token T | --api-key ID:SECRET | --user U --password P) [--fingerprint SHA256] [--port N]\n' +
  '       --host may be a single host or an orchestrator (detected by itself)';

export function parsePreviewArgs(argv: readonly string[]): PreviewCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      host: { type: 'string' },
      token: { type: 'string' },
      'api-key': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      fingerprint: { type: 'string' },
      port: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (!values.host) throw new UsageError('--host is required');
  let url: URL;
  try {
    url = new URL(values.host);
  } catch {
    throw new UsageError(`--host is not a URL: ${values.host}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('--host must start with http:// or https://');
  if (url.username || url.password)
    throw new UsageError('--host must not contain credentials; use --token, --api-key or --user/--password');

  const methods = [
    values.token !== undefined,
    values['api-key'] !== undefined,
    values.user !== undefined,
  ].filter(Boolean);
  if (methods.length !== 1)
    throw new UsageError('give exactly one of --token, --api-key, or --user with --password');

  let auth: HostInput['auth'];
  let username = '';
  let secret: string;
  if (values.token !== undefined) {
    auth = 'token';
    secret = values.token;
  } else if (values['api-key'] !== undefined) {
    auth = 'api-key';
    const raw = values['api-key'];
    // Accept `id:secret` or the header form base64(id:secret).
    const decoded = raw.includes(':') ? raw : Buffer.from(raw, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new UsageError('--api-key must be ID:SECRET (or base64 of it)');
    username = decoded.slice(0, colon);
    secret = decoded.slice(colon + 1);
  } else {
    if (values.password === undefined) throw new UsageError('--user needs --password');
    auth = 'password';
    username = values.user ?? '';
    secret = values.password;
  }

  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  }
  const fingerprint = values.fingerprint?.trim().toUpperCase() ?? null;

  return {
    port,
    host: {
      id: 'preview',
      name: values.name ?? url.host,
      url: url.origin + (url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')),
      auth,
      username,
      pinnedFingerprint: fingerprint,
      enabled: true,
      secret,
    },
  };
}
