// The event log on disk: one JSON file, written atomically (temp file + fsync + rename) so a crash mid-write
// leaves either the old or the new log, never half of one. A file we cannot read is moved aside (kept for a
// bug report) instead of being overwritten, and reported through the logger.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { HubEvent } from '../../shared/model';
import { parseHubEvent } from './event-log';
import type { EventLogRepository, Logger } from './ports';

const FORMAT_VERSION = 1;

interface FileShape {
  version: number;
  events: HubEvent[];
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

async function setAside(filePath: string, logger: Logger, reason: string): Promise<void> {
  const target = `${filePath}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await fs.rename(filePath, target);
    logger.warn('event log file was unreadable and was set aside', {
      reason,
      movedTo: path.basename(target),
    });
  } catch (err) {
    logger.error('event log file was unreadable and could not be set aside', { reason, error: String(err) });
  }
}

export function createFileEventLogRepository(filePath: string, logger: Logger): EventLogRepository {
  let tempCounter = 0;
  // Saves are chained so an older snapshot can never be renamed over a newer one.
  let chain: Promise<void> = Promise.resolve();

  async function writeAtomically(events: readonly HubEvent[]): Promise<void> {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    const temp = `${filePath}.tmp-${process.pid}-${tempCounter++}`;
    const body: FileShape = { version: FORMAT_VERSION, events: [...events] };
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(body), 'utf8');
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
    async load() {
      let text: string;
      try {
        text = await fs.readFile(filePath, 'utf8');
      } catch (err) {
        if (isNotFound(err)) return [];
        logger.error('event log file could not be read', { error: String(err) });
        return [];
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        await setAside(filePath, logger, 'not valid JSON');
        return [];
      }
      const raw: unknown =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>).events
          : undefined;
      if (!Array.isArray(raw)) {
        await setAside(filePath, logger, 'unexpected structure');
        return [];
      }
      const events: HubEvent[] = [];
      let dropped = 0;
      for (const item of raw) {
        const e = parseHubEvent(item);
        if (e) events.push(e);
        else dropped++;
      }
      // Individual bad entries are skipped, not a reason to lose the whole history.
      if (dropped > 0) logger.warn('event log entries skipped while loading', { dropped });
      return events;
    },
    save(events) {
      const run = chain.then(() => writeAtomically(events));
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
