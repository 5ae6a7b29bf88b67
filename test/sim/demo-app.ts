// `npm run demo`: starts the bundled Events Hub simulator with its scripted scenario, then launches Hubwatch
// (electron-vite preview: build + run) pointed at it through the demo environment variables.
import { spawn } from 'node:child_process';
import { runDemoScenario } from './demo-scenario';
import { startSimulator } from './simulator';

async function main(): Promise<void> {
  const sim = await startSimulator({ port: 0, vms: 12, seed: 1, actionDelayMs: 1500 });
  const stopDemo = runDemoScenario(sim);
  console.log(`Events Hub simulator: ${sim.url} (demo scenario running)`);

  const app = spawn('npx', ['electron-vite', 'preview'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      HUBWATCH_DEMO_URL: sim.url,
      HUBWATCH_DEMO_USER: sim.credentials.username,
      HUBWATCH_DEMO_PASSWORD: sim.credentials.password,
    },
  });
  const shutdown = (code: number): void => {
    stopDemo();
    void sim.close().then(() => process.exit(code));
  };
  app.on('exit', (code) => {
    if (code !== 0) {
      console.error(
        'Hubwatch exited with an error. Where Electron cannot run (Linux CI, no display), use `npm run demo:web`.',
      );
    }
    shutdown(code ?? 0);
  });
  process.once('SIGINT', () => app.kill('SIGINT'));
  process.once('SIGTERM', () => app.kill('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`demo failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
