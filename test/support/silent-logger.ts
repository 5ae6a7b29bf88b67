// A Logger that drops everything: for tests that do not assert on logs.
import type { Logger } from '../../src/main/kernel/logger';

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
