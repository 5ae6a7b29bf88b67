import { describe, expect, it } from 'vitest';
import { isInactive, needsUserAction, severityOf } from '../../../src/shared/connection-severity';
import type { ConnectionTag } from '../../../src/shared/model';

const TAGS: readonly ConnectionTag[] = [
  'auth-failed',
  'tls-untrusted',
  'unconfigured',
  'reconnecting',
  'connecting',
  'syncing',
  'live',
  'stopped',
];

describe('one connection severity table for popover and tray', () => {
  it('ranks every status the user must fix worse than any other, and live just before stopped', () => {
    const userFixes = TAGS.filter(needsUserAction);
    const others = TAGS.filter((t) => !needsUserAction(t));
    expect(userFixes).toEqual(['auth-failed', 'tls-untrusted']);
    for (const a of userFixes) for (const b of others) expect(severityOf(a)).toBeLessThan(severityOf(b));
    expect(severityOf('live')).toBeLessThan(severityOf('stopped'));
  });

  it('counts only switched-off and unconfigured hosts as inactive', () => {
    expect(TAGS.filter(isInactive)).toEqual(['unconfigured', 'stopped']);
  });
});
