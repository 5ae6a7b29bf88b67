// One JSON document on disk, written atomically (temp file + fsync + rename) so a crash mid-write leaves either
// the old or the new document, never half of one. A file that cannot be parsed is moved aside (kept for a bug
// report) instead of being overwritten, and reported through the logger.
import { promises as fs, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../kernel/logger';

type JsonReadResult =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'unreadable' };

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

/**
 * Removes `<name>.tmp-*` files a crash left between writing a temp file and renaming it. Only safe while no other
 * writer runs, i.e. at start-up under the app's single-instance lock. Returns how many were removed.
 */
export function removeStaleTempFiles(filePath: string): number {
  const prefix = `${path.basename(filePath)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(filePath));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      rmSync(path.join(path.dirname(filePath), name), { force: true });
      removed++;
    } catch {
      // A leftover we cannot remove costs disk space, not correctness.
    }
  }
  return removed;
}

export interface JsonFile {
  read(): Promise<JsonReadResult>;
  /** Moves the current file aside as `<name>.corrupt-<time>`; `what` names it in the log line. */
  setAside(reason: string): Promise<void>;
  /** Writes are chained so an older document can never be renamed over a newer one. */
  write(value: unknown): Promise<void>;
}

export function createJsonFile(filePath: string, what: string, logger: Logger): JsonFile {
  let tempCounter = 0;
  let chain: Promise<void> = Promise.resolve();

  async function writeAtomically(value: unknown): Promise<void> {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    const temp = `${filePath}.tmp-${process.pid}-${tempCounter++}`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(value), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, filePath);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }

  return {
    async read() {
      const swept = removeStaleTempFiles(filePath);
      if (swept > 0)
        logger.info(`${what}: removed temp files left by an interrupted write`, { count: swept });
      let text: string;
      try {
        text = await fs.readFile(filePath, 'utf8');
      } catch (err) {
        if (isNotFound(err)) return { kind: 'missing' };
        logger.error(`${what} file could not be read`, { error: String(err) });
        return { kind: 'unreadable' };
      }
      try {
        return { kind: 'ok', value: JSON.parse(text) as unknown };
      } catch {
        await this.setAside('not valid JSON');
        return { kind: 'unreadable' };
      }
    },
    async setAside(reason) {
      const target = `${filePath}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        await fs.rename(filePath, target);
        logger.warn(`${what} file was unreadable and was set aside`, {
          reason,
          movedTo: path.basename(target),
        });
      } catch (err) {
        logger.error(`${what} file was unreadable and could not be set aside`, {
          reason,
          error: String(err),
        });
      }
    },
    write(value) {
      const run = chain.then(() => writeAtomically(value));
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
