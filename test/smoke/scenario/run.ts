// Test-side helper: launch one scenario in a child process (the model's module hooks never touch the runner) and
// parse its one result line.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ModelConfig, Violation } from '../../support/electron-model/index';

const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);

export interface ScenarioOutcome<R> {
  ok: boolean;
  error?: string;
  result: R;
  log: string[];
  violations: Violation[];
  calls: string[];
  callsBeforeReady: string[];
}

export async function runScenario<R = Record<string, unknown>>(
  scenario: string,
  model: Partial<ModelConfig> = {},
  entry = 'out/main/index.js',
): Promise<ScenarioOutcome<R>> {
  const request = JSON.stringify({ scenario, entry, model: { appPath: root, ...model } });
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './test/support/electron-model/register.mjs',
      'test/smoke/scenario/launch.ts',
      request,
    ],
    {
      cwd: root,
      timeout: 40_000,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron-dist' },
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('SCENARIO_RESULT='));
  if (!line) throw new Error(`no result from the scenario runner; stdout was:\n${stdout.slice(0, 2000)}`);
  const outcome = JSON.parse(line.slice('SCENARIO_RESULT='.length)) as ScenarioOutcome<R>;
  if (!outcome.ok)
    throw new Error(`scenario ${scenario} failed: ${outcome.error}\n${outcome.log.join('\n')}`);
  return outcome;
}

export const warnLines = (log: readonly string[]): string[] => log.filter((l) => / (WARN|ERROR) /.test(l));
