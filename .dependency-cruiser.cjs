// Architecture as code (issue 13): the import rules of docs/architecture.md, checked by dependency-cruiser
// (`npm run lint:arch`, a step of `npm test`). An `error` fails the build; a `warn` is printed and does not.
//
// The rules are written against the folders in LAYERS below, so the regroup of src/main (issue 13, phase 2) only
// edits that table and turns the `warn` rules to `error`. Every `warn` says which code still breaks it today.

/**
 * Folders of src/main and which other folders of src/main each may import (src/shared is open to all). The data
 * flows one way: kernel (clock, timers, logger, redaction) → hub (the server's wire) → notify / persist → core (the
 * Electron-free application) → ipc (what the windows may ask) → shell (Electron). `kernel: []` is the rule
 * "kernel imports nothing of ours but src/shared".
 */
const LAYERS = {
  kernel: [],
  hub: ['kernel'],
  persist: ['kernel'],
  notify: ['kernel'],
  core: ['kernel', 'hub', 'notify', 'persist'],
  ipc: ['kernel', 'core', 'notify', 'persist'],
  shell: ['kernel', 'hub', 'core', 'notify', 'persist', 'ipc'],
};

/** Imports between layers that the code still makes: reported as `warn`. Empty since the regroup (issue 13). */
const PENDING_MOVES = {};

const layerNames = Object.keys(LAYERS);

/** Per layer: one `error` rule for the folders it must never import, one `warn` rule for the pending moves. */
const layerRules = layerNames.flatMap((layer) => {
  const pending = PENDING_MOVES[layer] ?? [];
  const forbidden = layerNames.filter((other) => other !== layer && !LAYERS[layer].includes(other));
  const allowed = ['src/shared', ...LAYERS[layer].map((l) => `src/main/${l}`)].join(', ');
  const rule = (name, severity, targets) => ({
    name,
    severity,
    comment: `src/main/${layer} may import only ${allowed} of ours: the data flows one way, hub towards shell.`,
    from: { path: `^src/main/${layer}/` },
    to: { path: `^src/main/(${targets.join('|')})/` },
  });
  const rules = [];
  const now = forbidden.filter((other) => !pending.includes(other));
  if (now.length > 0) rules.push(rule(`${layer}-imports-only-lower-layers`, 'error', now));
  if (pending.length > 0)
    rules.push(rule(`${layer}-imports-only-lower-layers-after-regroup`, 'warn', pending));
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules into one unit that can neither be tested nor moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'electron-only-in-shell',
      severity: 'error',
      comment:
        'Only src/main/shell and the composition root (src/main/index.ts) import electron, so everything else runs ' +
        'and is tested in plain Node. The preloads are the renderer-side edge: contextBridge and ipcRenderer live ' +
        'there and nowhere else.',
      from: { pathNot: ['^src/main/shell/', '^src/main/index\\.ts$', '^src/preload/'] },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'renderer-imports-only-shared',
      severity: 'error',
      comment:
        'The renderer is a sandboxed web page: it imports src/shared and its own files (and npm packages such as ' +
        'svelte), never main, preload or dev code.',
      from: { path: '^src/renderer/' },
      to: { path: '^src/', pathNot: ['^src/renderer/', '^src/shared/'] },
    },
    {
      name: 'preload-imports-only-shared',
      severity: 'error',
      comment:
        'A preload is a narrow bridge: its own files, src/shared and electron, nothing of main or renderer.',
      from: { path: '^src/preload/' },
      to: { path: '^src/', pathNot: ['^src/preload/', '^src/shared/'] },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      comment:
        'src/shared is imported by main, preload and renderer alike: no electron, no DOM, no node: built-ins, ' +
        'nothing of ours outside src/shared.',
      from: { path: '^src/shared/' },
      to: { pathNot: '^src/shared/' },
    },
    ...layerRules,
    {
      name: 'core-uses-hub-types-only',
      severity: 'error',
      comment:
        'The core is handed its hub clients (a HubFactory, see src/main/app.ts): it may name hub types but never ' +
        'construct a transport, so tests drive it with fakes and a new transport does not touch core/.',
      from: { path: '^src/main/core/' },
      to: { path: '^src/main/hub/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-the-roots-wire-the-app',
      severity: 'error',
      comment:
        'src/main/app.ts (createApp) and the concrete hub factory are wiring: only the entry points (src/main/index.ts, ' +
        'src/dev) and tests use them, so no module inside main can reach around its injected ports.',
      from: { path: '^src/main/', pathNot: ['^src/main/index\\.ts$', '^src/main/app\\.ts$'] },
      to: { path: ['^src/main/app\\.ts$', '^src/main/hub-factory\\.ts$'] },
    },
    {
      name: 'nothing-imports-the-composition-roots',
      severity: 'error',
      comment:
        'Only src/main/index.ts (the composition root) and src/dev (the web preview) wire main together; ' +
        'inside main nothing imports either.',
      from: { path: '^src/main/' },
      to: { path: ['^src/main/index\\.ts$', '^src/dev/'] },
    },
    {
      name: 'product-does-not-import-tests',
      severity: 'error',
      comment: 'Test code (the simulator, fakes, fixtures) never ships in the app.',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'runtime-packages-are-dependencies',
      severity: 'error',
      comment:
        'electron-vite externalizes and electron-builder ships only `dependencies`: a value import of a ' +
        'devDependency from main would be missing in the packaged app. (electron is provided by the runtime.)',
      from: { path: '^src/main/' },
      to: {
        dependencyTypes: ['npm-dev'],
        dependencyTypesNot: ['type-only'],
        pathNot: '^node_modules/electron/',
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/fixtures/', '^out/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.svelte', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    // node_modules is a symlink in helper worktrees: keep paths as written so rules can say ^node_modules/.
    preserveSymlinks: true,
    skipAnalysisNotInRules: true,
  },
};
