import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant (npm run test:mutation, stryker.config.mjs): the unit suite plus
// the few fast socket-level files that are the only tests able to kill some decision-module mutants (the TLS pin
// needs a real handshake; the IPC sender checks have their own reliability file). One project, so Stryker's
// per-test coverage and "related files" selection see every test directly.
export default defineConfig({
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
  test: {
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron-dist' },
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/hub/tls*.test.ts',
      'test/reliability/ipc-sender.test.ts',
      'test/reliability/ipc-hostile.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
