// What a test opens (simulators, sockets, clients) is closed after it, newest first (a client before its server),
// whether the test passed or failed. One registry instead of a `let sim`/`let client` pair and its hand-written
// afterEach in every socket-level test file.
import { afterEach } from 'vitest';

interface Closable {
  close(): unknown;
}

/** Call at a test file's top level; hand what each test opens to the returned `track`, which returns it. */
export function closeAfterEach(): <T extends Closable>(thing: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });
  return (thing) => {
    open.push(thing);
    return thing;
  };
}
