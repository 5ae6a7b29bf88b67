// `npm run sim -- --orchestrator --hosts N` as a person would run it: it prints working credentials and a URL that
// answers as an orchestrator, and stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

/** Resolves with stdout once `marker` appears; rejects if the process exits first or after `timeoutMs`. */
function readUntil(proc: ChildProcess, marker: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${String(marker)} within ${timeoutMs} ms: ${out}${err}`)),
      timeoutMs,
    );
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (marker.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    proc.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before ${String(marker)}: ${out}${err}`));
    });
  });
}

describe('sim CLI --orchestrator', () => {
  it('prints the URL and credentials, serves the farm, and exits 0 on SIGTERM', async () => {
    // Node itself with tsx's loader (not npx or the tsx wrapper), so the signal and exit code are the CLI's own.
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/sim/cli.ts', '--port', '0', '--vms', '2', '--orchestrator', '--hosts', '3'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const out = await readUntil(child, /event_types=orchestrator/, 25_000);
    const url = /Orchestrator simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const apiKey = /API key \(X-Api-Key\): (\S+)/.exec(out)?.[1];
    expect(out).toContain('3 hosts, 6 VMs');
    if (!url || !apiKey) throw new Error(`unexpected output: ${out}`);
    const res = await fetch(`${url}/api/v1/orchestrator/hosts`, { headers: { 'X-Api-Key': apiKey } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(3);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
