// Secret scrubbing for anything that may reach a log line, an error message or the UI.

const MASK = '***';
/** Query parameters that can carry credentials (the hub accepts a JWT as access_token / authorization). */
const SENSITIVE_PARAMS = new Set([
  'access_token',
  'authorization',
  'token',
  'api_key',
  'apikey',
  'key',
  'password',
  'secret',
  'refresh_token',
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every occurrence of each secret (and its base64 / URI-encoded forms, which is how they travel in
 * headers and URLs) with ***, then masks anything that still looks like a bearer token or a JWT.
 * Secrets shorter than 4 characters are ignored: masking "a" everywhere would destroy the text and hide nothing.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(secret, 'utf8').toString('base64'));
  }
  // Longest first so a secret containing another one is masked whole.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(form), 'g'), MASK);
  }
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`);
  out = out.replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, MASK);
  return out;
}

/** A URL fit for logs: no userinfo, credential-bearing query parameters masked. Never throws. */
export function safeUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    // Not a URL: still strip anything shaped like userinfo.
    return redact(String(url).replace(/(\/\/)?[^\s/@:]+:[^\s/@]*@/g, '$1'));
  }
  parsed.username = '';
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (SENSITIVE_PARAMS.has(name.toLowerCase())) parsed.searchParams.set(name, 'REDACTED');
  }
  return parsed.toString();
}
