// Starts a hub in its own process and talks to it. The hub's CPU never counts against the measured client, and its
// timestamps are mapped onto this process's clock with a measured offset.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nowMs } from '../lib/clock';
import type { HubCommand, HubCommandMap, HubReply } from './protocol';

export interface HubHandle {
  readonly url: string;
  call<C extends HubCommand>(cmd: C, arg: HubCommandMap[C][0]): Promise<HubCommandMap[C][1]>;
  /** Converts a hub timestamp to this process's clock. */
  toLocal(hubTime: number): number;
  close(): Promise<void>;
}

// Bundled (lib/build.ts): the hub bundle sits next to this code's bundle and runs under plain node.
// From source (a quick try under tsx): the TypeScript entry under tsx.
const BUNDLED = import.meta.url.endsWith('.mjs');
const ENTRY = fileURLToPath(new URL(BUNDLED ? './hub-process.mjs' : './hub-process.ts', import.meta.url));
const EXEC_ARGV = BUNDLED ? [] : ['--import', 'tsx'];

export async function startHubProcess(init: HubCommandMap['init'][0]): Promise<HubHandle> {
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv: EXEC_ARGV,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  child.on('message', (raw: unknown) => {
    const reply = raw as HubReply;
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!entry) return;
    if (reply.ok) entry.resolve(reply.value);
    else entry.reject(new Error(`hub: ${reply.error}`));
  });
  child.on('exit', (code) => {
    for (const entry of waiting.values()) entry.reject(new Error(`hub process exited (${code})`));
    waiting.clear();
  });

  function call<C extends HubCommand>(cmd: C, arg: HubCommandMap[C][0]): Promise<HubCommandMap[C][1]> {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, cmd, arg });
    });
  }

  const { port } = await call('init', init);
  // NTP-style offset: the sample with the shortest round trip bounds the error by half of it (~0.1 ms here).
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 30; i++) {
    const sent = nowMs();
    const { now } = await call('time', {});
    const received = nowMs();
    if (received - sent < best.rtt) best = { rtt: received - sent, offset: (sent + received) / 2 - now };
  }
  const offset = best.offset;

  return {
    url: `http://127.0.0.1:${port}`,
    call,
    toLocal: (hubTime) => hubTime + offset,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      await call('close', {}).catch(() => undefined);
      await exited;
    },
  };
}
