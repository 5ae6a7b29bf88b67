// 'electron' for the popover's real preload when the bench bundles it into the page (lib/stub-page.ts): its
// ipcRenderer is the stub's (page/stub-api.js window.__benchIpc, set after this bundle is evaluated), which routes
// invokes to main's stand-ins.
export const ipcRenderer = {
  invoke: (...args) => globalThis.__benchIpc.invoke(...args),
  on: (...args) => globalThis.__benchIpc.on(...args),
  removeListener: (...args) => globalThis.__benchIpc.removeListener(...args),
};
