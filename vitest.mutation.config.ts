import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant (npm run test:mutation, stryker.config.mjs): the unit suite plus
// the few fast socket-level files that are the only tests able to kill some decision-module mutants (the TLS pin
// needs a real handshake; the IPC sender checks have their own reliability file). One project, so Stryker's
// per-test coverage and "related files" selection see every test directly.
//
// HUBWATCH_MUTATION_TESTS=<glob>[,<glob>] narrows the test files for one module's run (see stryker.config.mjs): a
// pure module whose own table tests kill its mutants need not pay, per mutant, for the socket-level tests that also
// happen to execute it. A narrowed run can only under-report (a mutant only a left-out test kills shows as
// survived), never over-report.
const DEFAULT_TESTS = [
  'test/unit/**/*.test.ts',
  'test/integration/hub/tls*.test.ts',
  'test/reliability/ipc-sender.test.ts',
  'test/reliability/ipc-hostile.test.ts',
];
const narrowed = (process.env['HUBWATCH_MUTATION_TESTS'] ?? '')
  .split(',')
  .map((glob) => glob.trim())
  .filter((glob) => glob !== '');

export default defineConfig({
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
  test: {
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron-dist' },
    include: narrowed.length > 0 ? narrowed : DEFAULT_TESTS,
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
