// Which configured entry is "the same Mac" as a farm host, for an action the orchestrator cannot forward (§6.7):
// the orchestrator's `host` carries the API prefix (`http://h:3080/api`, orchestrator-protocol.md §2.2), an entry
// usually does not (the default /api is implied).
import { describe, expect, it } from 'vitest';
import { directEntryFor } from '../../../src/main/core/farm-entries';
import type { HostConfig } from '../../../src/shared/settings';

const entry = (id: string, url: string, enabled = true): HostConfig => ({
  id,
  name: id,
  url,
  auth: 'api-key',
  username: 'k',
  pinnedFingerprint: null,
  enabled,
});

describe('directEntryFor', () => {
  const hosts = [
    entry('orch', 'http://orch.local:3080'),
    entry('mac-07', 'http://MAC-07.local:3080/'),
    entry('off', 'http://mac-08.local:3080', false),
    entry('custom', 'https://mac-09.local/devops/api'),
  ];
  const isFarm = (id: string): boolean => id === 'orch';

  it('matches with or without the default /api prefix, case-insensitively on the host name', () => {
    expect(directEntryFor('http://mac-07.local:3080/api', hosts, isFarm)?.id).toBe('mac-07');
    expect(directEntryFor('https://mac-09.local/devops/api', hosts, isFarm)?.id).toBe('custom');
  });

  it('never a disabled entry, another port, another scheme, or the orchestrator itself', () => {
    expect(directEntryFor('http://mac-08.local:3080/api', hosts, isFarm)).toBeUndefined();
    expect(directEntryFor('http://mac-07.local:3081/api', hosts, isFarm)).toBeUndefined();
    expect(directEntryFor('https://mac-07.local:3080/api', hosts, isFarm)).toBeUndefined();
    expect(directEntryFor('http://orch.local:3080/api', hosts, isFarm)).toBeUndefined();
    expect(directEntryFor('not a url', hosts, isFarm)).toBeUndefined();
  });
});
