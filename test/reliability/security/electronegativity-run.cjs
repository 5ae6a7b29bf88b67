// Runs @doyensec/electronegativity's programmatic runner on each input and prints the findings as one JSON line
// after a marker. A separate process because the tool registers globals (i18n `__`) and, above all, so its network
// calls can be cut: `got` is replaced by a stub that always fails, which makes the translation download fall back to
// the bundled locale and keeps the online AvailableSecurityFixes check (also excluded explicitly) off the network.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: stubbing `got` works by intercepting require(). */
const Module = require('node:module');

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('network disabled for the security gate'));
    offline.head = offline;
    offline.get = offline;
    return offline;
  }
  return originalLoad.call(this, request, parent, isMain);
};

const run = require('@doyensec/electronegativity/dist/runner.js');

async function main() {
  const [inputsJson, electronVersion] = process.argv.slice(2);
  const results = [];
  for (const input of JSON.parse(inputsJson)) {
    const r = await run({
      input,
      isRelative: true,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      electronVersionOverride: electronVersion,
    });
    results.push({
      input,
      checks: r.globalChecks + r.atomicChecks,
      errors: r.errors.map((e) => ({
        file: e.file,
        message: String(e.message).slice(0, 200),
        tolerable: e.tolerable,
      })),
      issues: r.issues.map((i) => ({
        id: i.id,
        file: i.file,
        line: i.location.line,
        column: i.location.column,
        severity: i.severity.name,
        confidence: i.confidence.name,
        manualReview: Boolean(i.manualReview),
        description: String(i.description).slice(0, 200),
      })),
    });
  }
  process.stdout.write(`\n@@ELECTRONEGATIVITY@@${JSON.stringify(results)}\n`);
}

main().catch((error) => {
  process.stderr.write(`electronegativity failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(2);
});
