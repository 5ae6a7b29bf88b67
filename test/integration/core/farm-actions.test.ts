// Farm monitor acceptance (issue 15), continued: actions through the orchestrator (refused with the explanation when
// the host is v1.0.5+, confirmed by event when it works), a single-host entry beside a farm entry, a host back from
// unreachable with stops found, and the channel's stats/log noise at real rates costing < 1% of a core.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type OrchestratorSimulator, type Simulator, type SimVm } from '../../sim';
import { startFarm } from '../sim/orchestrator-helpers';
import { FARM_ID, farmEntry, startFarmCore } from '../../support/farm-harness';
import { FARM_SECRET, farmTest, farmVms } from './live-farm';

const started = farmTest();
const { live } = started;
let single: Simulator | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  await single?.close();
  single = null;
});

const vms = (state: string, n: number, prefix: string): SimVm[] =>
  farmVms(n, { state, prefix, name: (i) => `${prefix}-vm-${i}` });

/** This process's CPU share over a window while polling every 20 ms, as the harness's waits do. */
async function idleShare(windowMs: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    const end = Date.now() + windowMs;
    const poll = setInterval(() => {
      if (Date.now() < end) return;
      clearInterval(poll);
      resolve();
    }, 20);
  });
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / (Number(process.hrtime.bigint() - t0) / 1_000);
}

/** `npm run sim -- --orchestrator` in a child process (its defaults are the server's rates); its URL and API key. */
async function spawnFarmSimulator(hosts: number): Promise<{ url: string; keyId: string; secret: string }> {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/sim/cli.ts',
      '--port',
      '0',
      '--vms',
      '2',
      '--orchestrator',
      '--hosts',
      String(hosts),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child = proc;
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`the simulator did not start: ${text}`)), 30_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (/event_types=orchestrator/.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with ${String(code)}: ${text}`));
    });
  });
  const url = /Orchestrator simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  const header = /API key \(X-Api-Key\): (\S+)/.exec(out)?.[1];
  if (!url || !header) throw new Error(`unexpected simulator output: ${out}`);
  const [keyId = '', secret = ''] = Buffer.from(header, 'base64').toString('utf8').split(':');
  return { url, keyId, secret };
}

describe('farm monitor: actions, neighbours, noise', () => {
  it('an action the orchestrator forwards with GET to a v1.0.5 host is refused with the explanation; a v1.0.4 host runs it, confirmed by event', async () => {
    const [s, harness] = await live({
      hosts: [
        { description: 'mac-07', vms: vms('stopped', 1, '0000000a') },
        { description: 'mac-old', devopsVersion: '1.0.4', vms: vms('stopped', 1, '0000000b') },
      ],
    });
    const [modern, old] = s.hosts();
    const refusedVm = s.vms(modern!.id)[0]!;
    const error = await harness.core.runAction(FARM_ID, refusedVm.id, 'start', undefined, modern!.id).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(error).toContain(
      "The orchestrator cannot forward actions to mac-07 (a v1.0.5+ host refuses the orchestrator's GET)",
    );
    expect(s.vms(modern!.id)[0]?.state).toBe('stopped');
    expect(harness.events().some((e) => e.kind === 'action-failed' && e.farmHostId === modern!.id)).toBe(
      true,
    );

    const okVm = s.vms(old!.id)[0]!;
    const result = await harness.core.runAction(FARM_ID, okVm.id, 'start', undefined, old!.id);
    expect(result.message).toMatch(/^Start: .*\(running/);
    expect(harness.vms(old!.id)[0]?.state).toBe('running');
    expect(harness.core.snapshot().pending).toEqual([]);
  });

  it('a single-host entry and a farm entry side by side, each with its own VMs and notifications', async () => {
    const s = await startFarm({ hosts: 2, vmsPerHost: 2 });
    started.sim = s;
    const one = await startSimulator({ vms: 3, seed: 9 });
    single = one;
    const harness = await startFarmCore(
      [
        farmEntry(s),
        {
          id: 'mac-solo',
          name: 'mac-solo',
          url: one.url,
          auth: 'password',
          username: one.credentials.username,
          pinnedFingerprint: null,
          enabled: true,
        },
      ],
      { ...FARM_SECRET, 'mac-solo': one.credentials.password },
    );
    started.h = harness;
    await harness.waitFor(
      'both live',
      () =>
        harness.entry()?.status.tag === 'live' &&
        harness.entry('mac-solo')?.status.tag === 'live' &&
        harness.vms().length === 4 &&
        harness.core.snapshot().vms.length === 7,
    );
    expect(harness.entry('mac-solo')?.kind).toBe('host');
    expect(harness.entry()?.kind).toBe('orchestrator');
    const soloVm = one.vms().find((v) => v.state === 'running') ?? one.vms()[0]!;
    if (soloVm.state !== 'running') {
      one.setState(soloVm.id, 'running');
      await harness.waitFor('solo running', () =>
        harness.core.snapshot().vms.some((v) => v.id === soloVm.id && v.state === 'running'),
      );
    }
    one.setState(soloVm.id, 'stopped');
    const farmHost = s.hosts()[0]!;
    const farmVm = s.vms(farmHost.id).find((v) => v.state === 'running') ?? s.vms(farmHost.id)[0]!;
    if (farmVm.state !== 'running') s.setState(farmHost.id, farmVm.id, 'running');
    await harness.waitFor('farm vm running', () =>
      harness.vms(farmHost.id).some((v) => v.id === farmVm.id && v.state === 'running'),
    );
    s.setState(farmHost.id, farmVm.id, 'stopped');
    await harness.waitFor('both stops told', () => harness.notifications.length >= 2);
    const titles = harness.notifications.map((n) => n.title).sort();
    expect(titles).toEqual(
      [`${farmVm.name} stopped · ${farmHost.description}`, `${soloVm.name} stopped · mac-solo`].sort(),
    );
    const solo = harness.core.snapshot().vms.filter((v) => v.hostId === 'mac-solo');
    expect(solo.every((v) => v.farmHostId === undefined)).toBe(true);
  });

  it('a host back from unreachable with VMs that stopped meanwhile says so, once', async () => {
    const [s, harness] = await live({
      hosts: [{ description: 'mac-07', vms: vms('running', 4, '0000000c') }, {}],
    });
    const host = s.hosts()[0]!;
    s.powerOffHost(host.id); // the Mac goes dark: its VMs stop in truth, nobody can tell the orchestrator
    await harness.waitFor(
      'unreachable',
      () => harness.entry()?.farmHosts?.[0]?.state === 'unreachable',
      15_000,
    );
    expect(harness.vms(host.id).every((v) => v.state === 'running')).toBe(true); // last known
    s.startHostService(host.id);
    await harness.waitFor(
      'back',
      () => harness.notifications.some((n) => n.title.startsWith('mac-07 is back')),
      15_000,
    );
    const back = harness.notifications.filter((n) => n.title.startsWith('mac-07 is back'));
    expect(back.map((n) => n.title)).toEqual(['mac-07 is back — 4 VMs stopped while it was unreachable']);
    expect(harness.vms(host.id).every((v) => v.state === 'stopped' && v.changedWhileOffline)).toBe(true);
  });

  it('stats and log noise at the real rates costs < 1% of a core', async () => {
    // The simulator runs in its own process with the server's default rates (§3.7, §4.7: stats every 5 s per host,
    // and a log line every 2 s per host, a guess), so this process's CPU is the client's alone.
    // The test runner's own idle cost (its 20 ms wait polling, the worker), measured first and subtracted.
    const idle = await idleShare(3_000);
    const farm = await spawnFarmSimulator(40);
    const harness = await startFarmCore(
      [{ ...farmEntry({ url: farm.url } as OrchestratorSimulator), auth: 'api-key', username: farm.keyId }],
      { orch: farm.secret },
    );
    started.h = harness;
    await harness.waitFor(
      'the farm live',
      () => harness.entry()?.status.tag === 'live' && harness.vms().length === 80,
      20_000,
    );
    const frames = (): number => harness.core.hostDiagnostics(FARM_ID)?.counters?.framesReceived ?? 0;
    // Warm-up: the first lists' garbage and JIT compilation are not the noise's cost.
    const warm = frames();
    await harness.waitFor('warm-up frames', () => frames() - warm >= 56, 30_000);
    const startFrames = frames();
    const startCpu = process.cpuUsage();
    const startAt = process.hrtime.bigint();
    // 40 hosts: 8 stats + 20 log lines per second; measure over ~5 s of noise (counted frames, not a sleep).
    await harness.waitFor('noise frames', () => frames() - startFrames >= 140, 30_000);
    const cpu = process.cpuUsage(startCpu);
    const wallUs = Number(process.hrtime.bigint() - startAt) / 1_000;
    const share = (cpu.user + cpu.system) / wallUs;
    console.log(
      `[farm-noise] ${frames() - startFrames} frames in ${(wallUs / 1e6).toFixed(2)} s: ${(share * 100).toFixed(2)}% of a core, ` +
        `runner idle ${(idle * 100).toFixed(2)}%, client ${((share - idle) * 100).toFixed(2)}%`,
    );
    expect(share - idle).toBeLessThan(0.01);
  }, 60_000);
});
