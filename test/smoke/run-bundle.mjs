// Child-process runner for the preload part of the bundle smoke test (the main bundle runs with the strict
// Electron model through test/smoke/scenario/launch.ts). Usage:
//   node test/smoke/run-bundle.mjs preload out/preload/popover.cjs
// Prints one JSON line prefixed with SMOKE_RESULT= and exits.
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [mode, file] = process.argv.slice(2);
const report = (result) => {
  process.stdout.write(`SMOKE_RESULT=${JSON.stringify(result)}\n`);
  process.exit(0);
};

if (mode === 'preload') {
  // A sandboxed preload only gets require('electron'); intercept exactly that.
  const exposed = [];
  const ipcRenderer = {
    invoke: async () => ({ ok: true }),
    on: () => undefined,
    removeListener: () => undefined,
  };
  const fake = {
    contextBridge: { exposeInMainWorld: (key, api) => exposed.push({ key, api }) },
    ipcRenderer,
  };
  const originalLoad = Module._load;
  const required = [];
  Module._load = function load(request, parent, isMain) {
    required.push(request);
    if (request === 'electron') return fake;
    return originalLoad.call(this, request, parent, isMain);
  };
  const path = resolve(file);
  createRequire(import.meta.url)(path);
  const fromBundle = required.filter((r) => r !== path);
  report({
    source: readFileSync(path, 'utf8').length,
    relativeRequires: fromBundle.filter((r) => r.startsWith('.') || r.startsWith('/')).length,
    required: fromBundle,
    exposed: exposed.map(({ key, api }) => ({
      key,
      keys: Object.keys(api),
      allFunctions: Object.values(api).every((v) => typeof v === 'function'),
    })),
  });
} else {
  console.error('usage: run-bundle.mjs preload <file>');
  process.exit(2);
}
