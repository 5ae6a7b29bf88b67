// Module resolution hook (node:module register): `import 'electron'` anywhere → the stand-in.
const FAKE = new URL('./fake-electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true, format: 'module' };
  return nextResolve(specifier, context);
}
