// The one logging port; the shell's implementation writes a redacted file (see kernel/redact.ts).
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** One logger; implementations redact secrets (see redact.ts). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** The message of a thrown value, for a log field (kernel: hub/ and core/ both log failures). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
