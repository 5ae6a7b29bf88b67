// `npm run demo:web`: the bundled simulator running its demo scenario, watched by the web preview of the real
// app (real renderer + real core), so Hubwatch can be seen without Electron and without a Parallels host.
import { parseArgs } from 'node:util';
import { startWebPreview } from '../../src/dev/preview-app';
import { runDemoScenario } from './demo-scenario';
import { startSimulator } from './simulator';
import { passwordHostFor } from '../support/host-config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'sim-port': { type: 'string' },
      vms: { type: 'string' },
    },
    strict: true,
  });
  const sim = await startSimulator({
    port: Number(values['sim-port'] ?? 0),
    vms: Number(values.vms ?? 12),
    seed: 1,
    actionDelayMs: 1500,
  });
  const stopDemo = runDemoScenario(sim);
  const preview = await startWebPreview({
    hosts: [passwordHostFor(sim, { id: 'demo', name: 'demo-farm' })],
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
  });
  console.error(`Events Hub simulator: ${sim.url} (demo scenario running)`);
  console.error(`Settings page: ${preview.server.pageUrl('settings')}`);
  console.log(`Hubwatch preview: ${preview.server.pageUrl('popover')}`);

  const stop = (): void => {
    stopDemo();
    void preview
      .close()
      .then(() => sim.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo:web failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
