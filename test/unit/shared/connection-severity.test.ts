import { describe, expect, it } from 'vitest';
import { isInactive, needsUserAction, severityOf } from '../../../src/shared/connection-severity';
import type { ConnectionTag } from '../../../src/shared/model';

const USER_FIXES: readonly ConnectionTag[] = ['auth-failed', 'tls-untrusted'];
const OTHERS: readonly ConnectionTag[] = [
  'unconfigured',
  'reconnecting',
  'connecting',
  'syncing',
  'live',
  'stopped',
];
const TAGS = [...USER_FIXES, ...OTHERS];

describe('one connection severity table for popover and tray', () => {
  it('ranks every status the user must fix worse than any other, and live just before stopped', () => {
    expect(TAGS.filter(needsUserAction)).toEqual(USER_FIXES);
    for (const a of USER_FIXES) for (const b of OTHERS) expect(severityOf(a)).toBeLessThan(severityOf(b));
    expect(severityOf('live')).toBeLessThan(severityOf('stopped'));
  });

  it('counts only switched-off and unconfigured hosts as inactive', () => {
    expect(TAGS.filter(isInactive)).toEqual(['unconfigured', 'stopped']);
  });
});
