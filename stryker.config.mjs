// @ts-check
// Mutation testing of the modules that make decisions (issue 16). Not part of `npm test`: on 2 shared cores a full
// run takes a long time, so it is incremental (only mutants whose code or covering tests changed are re-run) and
// uses one test-runner process. Run one module with
//   npm run test:mutation -- --mutate src/main/hub/backoff.ts
// The JSON report (per-file scores, every mutant) goes to reports/mutation/ (gitignored).
//
// Surviving mutants judged equivalent (same observable behaviour), by file:line of today's sources:
//   diff.ts:68  `old === fresh` -> false: only a shortcut; comparing an object with itself finds no change anyway.
//   ipc.ts:61   `rendererDir !== null` -> true: a file: URL with no renderer dir makes path.resolve(null) throw
//               inside the try, which already answers false.
//   ipc.ts:64   empty catch: falls through to the dev-server branch, which never matches a file: URL -> false.
//   ipc.ts:68   http(s) check -> true: other schemes have origin "null", never the dev server's origin -> false.
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  checkers: [],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  tempDirName: 'reports/mutation/.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
  // Decision modules, by today's paths (the restructuring issue renames the folders; update this list with it).
  mutate: [
    // backoff and reconnect rules
    'src/main/hub/backoff.ts',
    'src/main/hub/close-classify.ts',
    // TLS pin
    'src/main/hub/tls.ts',
    // message parser
    'src/main/hub/envelope.ts',
    'src/main/hub/channels/pdfm.ts',
    // sync/resync and the offline diff
    'src/main/core/sync.ts',
    'src/main/core/diff.ts',
    // store reducer
    'src/main/core/store.ts',
    // notify policy
    'src/main/notify/policy.ts',
    'src/main/notify/delivery.ts',
    // IPC validation and sender checks
    'src/main/ipc/validate.ts',
    'src/main/shell/ipc.ts',
    // settings migration
    'src/main/ipc/settings-model.ts',
  ],
};
export default config;
