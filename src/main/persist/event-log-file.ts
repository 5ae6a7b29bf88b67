// The event log on disk (see json-file.ts for the atomic write and the corrupt-file handling).
import type { HubEvent } from '../../shared/model';
import { parseHubEvent } from './hub-event-parse';
import { createJsonFile } from './json-file';
import type { EventLogRepository } from './event-log-repository';
import type { Logger } from '../kernel/logger';

const FORMAT_VERSION = 1;

export function createFileEventLogRepository(filePath: string, logger: Logger): EventLogRepository {
  const file = createJsonFile(filePath, 'event log', logger);
  return {
    async load() {
      const read = await file.read();
      if (read.kind !== 'ok') return [];
      const parsed = read.value;
      const raw: unknown =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>).events
          : undefined;
      if (!Array.isArray(raw)) {
        await file.setAside('unexpected structure');
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
      return file.write({ version: FORMAT_VERSION, events: [...events] });
    },
  };
}
