// Child-process runner for the bundle smoke test. Usage:
//   node --import ./test/smoke/register.mjs test/smoke/run-bundle.mjs main
//   node test/smoke/run-bundle.mjs preload out/preload/popover.cjs
// Prints one JSON line prefixed with SMOKE_RESULT= and exits.
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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
} else if (mode === 'main') {
  const logLines = [];
  for (const level of ['log', 'error', 'warn', 'info']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      logLines.push(args.map(String).join(' '));
      if (process.env.SMOKE_VERBOSE) original(...args);
    };
  }
  let loadError = null;
  try {
    await import(pathToFileURL(resolve('out/main/index.js')).href);
  } catch (error) {
    loadError = String(error?.stack ?? error);
  }
  const state = globalThis.__smoke;
  const registeredBeforeReady = state ? [...state.calls] : [];
  const deadline = Date.now() + 15_000;
  const started = () => logLines.some((l) => l.includes('Hubwatch started'));
  while (!loadError && !started() && state?.exitCode == null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  report({
    loadError,
    registeredBeforeReady,
    readyHandlers: state?.readyHandlers ?? 0,
    started: started(),
    exitCode: state?.exitCode ?? null,
    calls: state?.calls ?? [],
    failures: logLines.filter((l) => /failed to start|TypeError|ReferenceError/.test(l)),
  });
} else {
  console.error('usage: run-bundle.mjs main | preload <file>');
  process.exit(2);
}
