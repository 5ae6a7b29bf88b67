import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/shell/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    writers: [(line) => void lines.push(line)],
    now: () => new Date(0),
  });
  return { lines, logger };
}

describe('logger', () => {
  it('masks secret-named fields, bearer tokens, JWTs and URL credentials', () => {
    const { lines, logger } = capture();
    logger.info(
      'connecting with Bearer abc.def.ghi to https://root:hunter2@farm.local/api?access_token=zzz',
      {
        password: 'hunter2',
        apiKey: 'k-123',
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
        url: 'https://user:pw@farm.local',
        header: 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
        count: 3,
      },
    );
    const line = lines[0] ?? '';
    for (const leaked of ['hunter2', 'k-123', 'eyJhbGci', 'abc.def.ghi', 'zzz', ':pw@'])
      expect(line).not.toContain(leaked);
    expect(line).toContain('"count":3');
    expect(line).toContain('INFO');
  });

  it('filters by level and survives a failing writer', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      writers: [
        () => {
          throw new Error('disk full');
        },
        (line) => void lines.push(line),
      ],
    });
    logger.info('hidden');
    expect(() => logger.error('shown')).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('shown');
  });
});
