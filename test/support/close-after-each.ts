// Servers (simulators, local servers) a test starts, closed after that test whatever happened in it, so a failing
// assertion never leaks a listening socket into the next test.
import { afterEach } from 'vitest';

interface Closable {
  close(): Promise<void>;
}

/** Call once per file; wrap each started server: `const sim = closed(await startFarm())`. */
export function closeAfterEach(): <T extends Closable>(server: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return (server) => {
    open.push(server);
    return server;
  };
}
