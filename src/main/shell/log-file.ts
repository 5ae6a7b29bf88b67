// Appends log lines to a file in the app's log directory, rotating once it grows past a cap so a noisy hub cannot
// fill the disk. Synchronous appends: a few lines per second at most, and nothing is lost on a crash.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const MAX_BYTES = 5 * 1024 * 1024;

export function fileWriter(filePath: string, maxBytes = MAX_BYTES): (line: string) => void {
  mkdirSync(dirname(filePath), { recursive: true });
  let size = 0;
  try {
    size = statSync(filePath).size;
  } catch {
    size = 0;
  }
  return (line) => {
    if (size > maxBytes) {
      renameSync(filePath, `${filePath}.1`);
      size = 0;
    }
    const data = `${line}\n`;
    appendFileSync(filePath, data, { mode: 0o600 });
    size += Buffer.byteLength(data);
  };
}
