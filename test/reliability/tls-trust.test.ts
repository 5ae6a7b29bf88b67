// Self-signed wss: rejected by default with tls-untrusted + the SHA-256 fingerprint, before any credential is
// sent; accepted only after that exact pin; a different certificate later on the same host is rejected again.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALTERNATE_CERT, startSimulator } from '../sim';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { simHostConfig, startHarness } from '../support/core-harness';
import { rigClosedAfterEach } from './support/lifecycle';

const rig = rigClosedAfterEach();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|svelte|js|mjs|cjs)$/.test(f) ? [p] : [];
  });
}

describe('TLS trust', () => {
  it('rejects, pins exactly, and rejects a changed certificate', async () => {
    rig.sim = await startSimulator({
      vms: 5,
      seed: 5,
      tls: true,
      pingIntervalMs: 300,
      pongWaitMs: 5_000,
      flushIntervalMs: 10,
    });
    const s = rig.sim;
    expect(s.url.startsWith('https://')).toBe(true);
    const fingerprint = s.fingerprint!;
    const opts = {
      auth: 'password' as const,
      username: s.credentials.username,
      secret: s.credentials.password,
    };
    rig.h = await startHarness(s, opts);
    const harness = rig.h;
    await harness.waitFor('tls-untrusted', () => harness.status().tag === 'tls-untrusted', 5_000);
    const st = harness.status();
    expect(st.tag === 'tls-untrusted' ? st.fingerprint : null).toBe(fingerprint);
    // Nothing was sent to an unverified server: no sign-in, no REST, no upgrade.
    expect(s.stats.tokenRequests).toBe(0);
    expect(s.stats.wsUpgradeAttempts).toBe(0);
    expect(s.stats.restRequests).toBe(0);

    // A wrong pin (one digit changed) is not "close enough".
    const wrong = fingerprint.replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
    const mark = harness.statuses.length;
    harness.core.configure({
      ...DEFAULT_SETTINGS,
      hosts: [{ ...simHostConfig(s, opts), pinnedFingerprint: wrong }],
    });
    // The new pin must really be tried (a status change away from and back to tls-untrusted), then refused.
    await harness.waitFor(
      'retried with the wrong pin, still untrusted',
      () =>
        harness.statuses.slice(mark).some((e) => e.status.tag !== 'tls-untrusted') &&
        harness.status().tag === 'tls-untrusted',
      5_000,
    );
    console.log(
      `[tls] statuses with wrong pin: ${harness.statuses
        .slice(mark)
        .map((e) => e.status.tag)
        .join(' > ')}`,
    );
    expect(s.stats.tokenRequests).toBe(0);

    harness.core.configure({
      ...DEFAULT_SETTINGS,
      hosts: [{ ...simHostConfig(s, opts), pinnedFingerprint: fingerprint }],
    });
    await harness.waitForTruth('live with the pin', s);

    const tokensBefore = s.stats.tokenRequests;
    await s.restart({ tls: ALTERNATE_CERT });
    await harness.waitFor(
      'untrusted after cert change',
      () => harness.status().tag === 'tls-untrusted',
      10_000,
    );
    const after = harness.status();
    const newFp = after.tag === 'tls-untrusted' ? after.fingerprint : '';
    expect(newFp).not.toBe(fingerprint);
    expect(newFp).toBe(s.fingerprint);
    expect(s.stats.tokenRequests).toBe(tokensBefore);
    console.log(
      `[tls] default reject fp=${fingerprint.slice(0, 11)}…; wrong pin rejected; exact pin -> live; cert changed -> tls-untrusted fp=${newFp.slice(0, 11)}…; credentials sent to unverified peers: 0`,
    );
  });

  it('never disables certificate checks globally', () => {
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
    const root = path.resolve(import.meta.dirname, '../../src');
    const offenders: string[] = [];
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      if (
        /NODE_TLS_REJECT_UNAUTHORIZED|ignore-certificate-errors|setCertificateVerifyProc|certificate-error/.test(
          text,
        )
      )
        offenders.push(path.relative(root, file));
      // rejectUnauthorized:false is allowed only in the peer-certificate probe that never sends a byte of data.
      if (/rejectUnauthorized\s*:\s*false/.test(text) && !file.endsWith(path.join('hub', 'tls.ts')))
        offenders.push(path.relative(root, file));
    }
    expect(offenders).toEqual([]);
  });
});
