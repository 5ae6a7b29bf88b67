// `npx tsx test/sim/cli.ts --port 3080 --vms 12 [--tls] [--seed N] [--realistic] [--demo]`
// Runs the simulator in the foreground and prints its URL and its own demo credentials (not real secrets).
import { parseArgs } from 'node:util';
import { runDemoScenario } from './demo-scenario';
import { runOrchestratorCli } from './orchestrator/cli-run';
import { startSimulator } from './simulator';

function intArg(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got "${value}"\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      vms: { type: 'string' },
      seed: { type: 'string' },
      tls: { type: 'boolean', default: false },
      realistic: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'devops-version': { type: 'string' },
      orchestrator: { type: 'boolean', default: false },
      hosts: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npx tsx test/sim/cli.ts [--port 3080] [--vms 12] [--seed N] [--tls] [--realistic] [--demo] [--devops-version 1.0.5]\n' +
        '       npx tsx test/sim/cli.ts --orchestrator [--hosts 40] [--vms 12 per host] [--demo]\n',
    );
    return;
  }
  if (values.orchestrator) {
    const stop = await runOrchestratorCli({
      port: intArg(values.port, 'port', 3080),
      hosts: intArg(values.hosts, 'hosts', 40),
      vmsPerHost: intArg(values.vms, 'vms', 12),
      seed: intArg(values.seed, 'seed', 1),
      demo: values.demo,
    });
    const quit = (signal: string): void => {
      process.stdout.write(`\n${signal}: stopping the simulator\n`);
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', () => quit('SIGINT'));
    process.once('SIGTERM', () => quit('SIGTERM'));
    return;
  }
  const sim = await startSimulator({
    port: intArg(values.port, 'port', 3080),
    vms: intArg(values.vms, 'vms', 12),
    seed: intArg(values.seed, 'seed', 1),
    tls: values.tls,
    realistic: values.realistic,
    actionDelayMs: 1500,
    ...(values['devops-version'] ? { devopsVersion: values['devops-version'] } : {}),
  });
  const c = sim.credentials;
  const out = [
    `Events Hub simulator: ${sim.url}`,
    `  username / password: ${c.username} / ${c.password}   (email ${c.email})`,
    `  API key (X-Api-Key): ${c.apiKey}`,
    `  bearer token:        ${sim.issueToken()}`,
    ...(sim.fingerprint ? [`  TLS SHA-256:         ${sim.fingerprint}`] : []),
    `  ${sim.vms().length} VMs, WebSocket ${sim.url.replace(/^http/, 'ws')}/api/v1/ws/subscribe?event_types=pdfm${values.demo ? ', demo scenario running' : ''}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);

  const stopDemo = values.demo ? runDemoScenario(sim) : () => undefined;
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the simulator\n`);
    stopDemo();
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
