import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflowSources, workflowSources } from '../../ci/actionlint';

const root = join(import.meta.dirname, '../../..');

describe('GitHub workflows (actionlint)', () => {
  it('.github/workflows/macos.yml has no findings', async () => {
    const sources = workflowSources(root);
    expect(sources.map((s) => s.path)).toContain('.github/workflows/macos.yml');
    expect(await lintWorkflowSources(sources)).toEqual([]);
  });

  it('still reports everything else: a bad expression, and a runner label that is not configured', async () => {
    const source =
      'on: push\njobs:\n  a:\n    runs-on: macos-99\n    steps:\n      - run: echo ${{ github.nope }}\n';
    const findings = await lintWorkflowSources([{ path: 'bad.yml', source }]);
    expect(findings.map((f) => f.kind).sort()).toEqual(['expression', 'runner-label']);
  });
});
