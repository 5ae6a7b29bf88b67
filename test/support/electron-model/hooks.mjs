// Module resolution hook (node:module register): `import 'electron'` anywhere (our bundle, electron-store) → the
// strict model. Loaded after tsx so the .ts module is compiled on the fly.
const MODEL = new URL('./electron-module.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier === 'electron/main') return nextResolve(MODEL, context); // through tsx's resolver, so its loader compiles the .ts
  return nextResolve(specifier, context);
}
