// `npm run sim -- --orchestrator --hosts 40 [--vms N per host] [--demo]`: the orchestrator-mode simulator in the
// foreground, printing its URL and its own demo credentials (not real secrets). `--demo` keeps the farm busy:
// VM state changes on random hosts, and now and then one host's link drops for a while (events lost, ORCH §3.5).
import { createRng } from '../rng';
import { startOrchestratorSimulator } from './simulator';
import type { OrchestratorSimulator } from './types';

export interface OrchestratorCliArgs {
  port: number;
  hosts: number;
  vmsPerHost: number;
  seed: number;
  demo: boolean;
}

export async function runOrchestratorCli(args: OrchestratorCliArgs): Promise<() => Promise<void>> {
  const sim = await startOrchestratorSimulator({
    port: args.port,
    hosts: args.hosts,
    vmsPerHost: args.vmsPerHost,
    seed: args.seed,
    actionDelayMs: 1500,
  });
  const c = sim.credentials;
  const vmCount = sim.hosts().reduce((n, h) => n + sim.vms(h.id).length, 0);
  const out = [
    `Orchestrator simulator: ${sim.url}`,
    `  username / password: ${c.username} / ${c.password}   (email ${c.email})`,
    `  API key (X-Api-Key): ${c.apiKey}`,
    `  bearer token:        ${sim.issueToken()}`,
    `  ${args.hosts} hosts, ${vmCount} VMs; REST ${sim.url}/api/v1/orchestrator/hosts`,
    `  WebSocket ${sim.url.replace(/^http/, 'ws')}/api/v1/ws/subscribe?event_types=orchestrator` +
      (args.demo ? ', demo activity running' : ''),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  const stopDemo = args.demo ? runFarmDemo(sim, args.seed) : () => undefined;
  return async () => {
    stopDemo();
    await sim.close();
  };
}

/** Seeded background activity so a viewer has something to watch. Returns a stop function. */
export function runFarmDemo(sim: OrchestratorSimulator, seed: number): () => void {
  const rng = createRng(seed + 7);
  const flip = setInterval(() => {
    const hosts = sim.hosts().filter((h) => h.service === 'up');
    if (hosts.length === 0) return;
    const host = rng.pick(hosts);
    const vms = sim.vms(host.id);
    if (vms.length === 0) return;
    const vm = rng.pick(vms);
    sim.setState(host.id, vm.id, vm.state === 'running' ? 'stopped' : 'running');
  }, 2000);
  const outage = setInterval(() => {
    const hosts = sim.hosts().filter((h) => h.client === 'connected');
    if (hosts.length === 0) return;
    const host = rng.pick(hosts);
    sim.cutLink(host.id);
    setTimeout(() => sim.restoreLink(host.id), 20_000).unref();
  }, 90_000);
  return () => {
    clearInterval(flip);
    clearInterval(outage);
  };
}
