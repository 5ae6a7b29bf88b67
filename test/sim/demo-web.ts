// `npm run demo:web`: the bundled simulator running its demo scenario, watched by the web preview of the real
// app (real renderer + real core), so Hubwatch can be seen without Electron and without a Parallels host.
// `npm run demo:web -- --farm [--hosts 12]`: an orchestrator simulator with a farm behind it instead; the entry is
// configured without a kind, so the preview finds the orchestrator by itself, as it would for a real URL.
import { parseArgs } from 'node:util';
import { startWebPreview } from '../../src/dev/preview-app';
import { runDemoScenario } from './demo-scenario';
import { startSimulator } from './simulator';
import { startOrchestratorSimulator } from './orchestrator/simulator';
import { runFarmDemo } from './orchestrator/cli-run';
import type { OrchestratorHostSpec } from './orchestrator/types';

interface DemoBackend {
  url: string;
  username: string;
  password: string;
  what: string;
  close(): Promise<void>;
}

/** A farm to look at: one 1.0.4 host (forwarded actions work), one the orchestrator cannot link to (polling). */
function farmHosts(n: number): OrchestratorHostSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    description: `mac-${String(i + 1).padStart(2, '0')}`,
    ...(i === 0 ? { devopsVersion: '1.0.4' } : {}),
    ...(i === n - 1 && n > 2 ? { linkable: false } : {}),
  }));
}

async function startBackend(farm: boolean, hosts: number, vms: number, port: number): Promise<DemoBackend> {
  if (farm) {
    const sim = await startOrchestratorSimulator({
      port,
      hosts: farmHosts(hosts),
      vmsPerHost: vms,
      seed: 1,
      actionDelayMs: 1500,
    });
    const stopDemo = runFarmDemo(sim, 1);
    return {
      url: sim.url,
      username: sim.credentials.username,
      password: sim.credentials.password,
      what: `Orchestrator simulator: ${sim.url} (${hosts} hosts, demo activity running)`,
      close: async () => {
        stopDemo();
        await sim.close();
      },
    };
  }
  const sim = await startSimulator({ port, vms, seed: 1, actionDelayMs: 1500 });
  const stopDemo = runDemoScenario(sim);
  return {
    url: sim.url,
    username: sim.credentials.username,
    password: sim.credentials.password,
    what: `Events Hub simulator: ${sim.url} (demo scenario running)`,
    close: async () => {
      stopDemo();
      await sim.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'sim-port': { type: 'string' },
      vms: { type: 'string' },
      farm: { type: 'boolean', default: false },
      hosts: { type: 'string' },
    },
    strict: true,
  });
  const farm = values.farm === true;
  const backend = await startBackend(
    farm,
    Number(values.hosts ?? 12),
    Number(values.vms ?? (farm ? 4 : 12)),
    Number(values['sim-port'] ?? 0),
  );
  const preview = await startWebPreview({
    hosts: [
      {
        id: 'demo',
        name: farm ? 'demo-orchestrator' : 'demo-farm',
        url: backend.url,
        auth: 'password',
        username: backend.username,
        secret: backend.password,
        pinnedFingerprint: null,
        enabled: true,
      },
    ],
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
  });
  console.error(backend.what);
  console.error(`Settings page: ${preview.server.pageUrl('settings')}`);
  console.log(`Hubwatch preview: ${preview.server.pageUrl('popover')}`);

  const stop = (): void => {
    void preview
      .close()
      .then(() => backend.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo:web failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
