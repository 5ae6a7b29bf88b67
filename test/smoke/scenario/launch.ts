// Child-process runner: launch a BUILT main entry (out/main/index.js, or a package-shaped copy) against the strict
// Electron model, run one named scenario, print `SCENARIO_RESULT=<json>` and exit. Run with
//   node --import tsx --import ./test/support/electron-model/register.mjs test/smoke/scenario/launch.ts <json>
// where <json> is { scenario, entry, model: Partial<ModelConfig> }.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createElectronModel,
  type ElectronModel,
  type ModelConfig,
} from '../../support/electron-model/index';
import { SCENARIOS, type ScenarioContext } from './scenarios';

interface LaunchRequest {
  scenario: keyof typeof SCENARIOS;
  entry: string;
  model: Partial<ModelConfig>;
}

const request = JSON.parse(process.argv[2] ?? '{}') as LaunchRequest;
const logLines: string[] = [];
const waiters: { test: (line: string) => boolean; done: () => void }[] = [];
for (const level of ['log', 'error', 'warn', 'info'] as const) {
  console[level] = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    logLines.push(line);
    for (const w of waiters.splice(0)) {
      if (w.test(line)) w.done();
      else waiters.push(w);
    }
  };
}

/** Resolves when a log line matches, or rejects after `ms` (bounded: a scenario never hangs the suite). */
function waitForLog(pattern: RegExp, ms = 10_000): Promise<void> {
  if (logLines.some((l) => pattern.test(l))) return Promise.resolve();
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no log line matching ${String(pattern)} in ${ms} ms`)),
      ms,
    );
    waiters.push({ test: (l) => pattern.test(l), done: () => (clearTimeout(timer), done()) });
  });
}

const report = (result: Record<string, unknown>): never => {
  process.stdout.write(`SCENARIO_RESULT=${JSON.stringify(result)}\n`);
  process.exit(0);
};

const model: ElectronModel = createElectronModel(request.model);
(globalThis as { __electronModel?: ElectronModel }).__electronModel = model;

try {
  await import(pathToFileURL(resolve(request.entry)).href);
  // Electron emits ready after the entry's first tick.
  let callsBeforeReady: string[] = [];
  setImmediate(() => {
    callsBeforeReady = [...model.state.calls];
    model.app.launch();
  });
  await waitForLog(/Hubwatch started|failed to start/);
  const ctx: ScenarioContext = { model, logLines, waitForLog };
  const result = await SCENARIOS[request.scenario](ctx);
  report({
    ok: true,
    result,
    callsBeforeReady,
    log: logLines,
    violations: model.state.violations,
    calls: model.state.calls,
  });
} catch (error) {
  report({
    ok: false,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    log: logLines,
    violations: model.state.violations,
    calls: model.state.calls,
  });
}
