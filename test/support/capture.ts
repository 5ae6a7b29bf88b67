// A Logger that keeps every line (formatted exactly as a real sink would print it) for secret and error checks.
import type { LogFields, Logger } from '../../src/main/kernel/logger';

interface CapturedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields | undefined;
  readonly text: string;
}

export interface CapturingLogger extends Logger {
  readonly lines: CapturedLine[];
  text(): string;
}

/** `maxLines` keeps only the newest lines (memory tests: retaining 500k debug lines would measure the test). */
export function createCapturingLogger(maxLines = Infinity): CapturingLogger {
  const lines: CapturedLine[] = [];
  const at =
    (level: CapturedLine['level']) =>
    (message: string, fields?: LogFields): void => {
      lines.push({
        level,
        message,
        fields,
        text: `[${level}] ${message} ${fields ? JSON.stringify(fields) : ''}`,
      });
      if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((l) => l.text).join('\n'),
  };
}
