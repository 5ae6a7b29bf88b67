// The app's one logger. Every line goes through redaction (field names that smell of secrets are masked outright,
// values and messages are scrubbed of bearer tokens, JWTs and URL credentials) before it reaches the console or the
// log file. Electron-free: the shell passes a writer that appends to the app's log file.
import { redact, safeUrl } from '../kernel/redact';
import type { LogFields, Logger } from '../kernel/logger';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const SECRET_FIELD = /secret|token|password|passwd|authorization|api[-_]?key|cookie|credential/i;
const MAX_VALUE = 2000;

function cleanValue(
  value: string | number | boolean | null | undefined,
): string | number | boolean | null | undefined {
  if (typeof value !== 'string') return value;
  const scrubbed = redact(value.replace(/\b(https?|wss?):\/\/[^\s"']+/gi, (url) => safeUrl(url)));
  return scrubbed.length > MAX_VALUE ? `${scrubbed.slice(0, MAX_VALUE)}…` : scrubbed;
}

function redactFields(
  fields: LogFields | undefined,
): Record<string, string | number | boolean | null | undefined> {
  const out: Record<string, string | number | boolean | null | undefined> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    out[key] = SECRET_FIELD.test(key) && value !== null && value !== undefined ? '***' : cleanValue(value);
  }
  return out;
}

function formatLine(level: LogLevel, message: string, fields: LogFields | undefined, at: Date): string {
  const cleaned = redactFields(fields);
  const extra = Object.keys(cleaned).length > 0 ? ` ${JSON.stringify(cleaned)}` : '';
  return `${at.toISOString()} ${level.toUpperCase()} ${String(cleanValue(message))}${extra}`;
}

export function createLogger(o: {
  level?: LogLevel;
  /** Where formatted lines go (console, file); each writer is isolated so a failing file never breaks logging. */
  writers: readonly ((line: string, level: LogLevel) => void)[];
  now?: () => Date;
}): Logger {
  const min = ORDER[o.level ?? 'info'];
  const now = o.now ?? (() => new Date());
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const line = formatLine(level, message, fields, now());
    for (const write of o.writers) {
      try {
        write(line, level);
      } catch {
        // Logging must never take the app down.
      }
    }
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export function consoleWriter(line: string, level: LogLevel): void {
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}
