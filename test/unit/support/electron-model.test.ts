// The strict Electron model is itself tested: every member it offers the product exists in Electron 45's own
// typings (node_modules/electron/electron.d.ts), and its macOS rules behave as rules.ts cites.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelApp } from '../../support/electron-model/app';
import { ModelNativeImage } from '../../support/electron-model/images';
import { createElectronModel, MAC_RULES, MAIN_MODULES } from '../../support/electron-model/index';
import { ModelNotification } from '../../support/electron-model/notification';
import { ModelTray } from '../../support/electron-model/tray';
import { ModelBrowserWindow, ModelWebContents } from '../../support/electron-model/windows';

const root = join(import.meta.dirname, '../../..');
const dts = readFileSync(join(root, 'node_modules/electron/electron.d.ts'), 'utf8');

/** The body of `  class X …{` / `  interface X …{` up to its closing brace at the same indent. */
function declaration(kind: 'class' | 'interface', name: string): string {
  const start = dts.search(new RegExp(`\\n  ${kind} ${name}( extends [\\w.]+)? \\{`));
  if (start < 0) throw new Error(`${kind} ${name} not in electron.d.ts`);
  return dts.slice(start, dts.indexOf('\n  }\n', start));
}

const hasMember = (body: string, member: string): boolean =>
  new RegExp(`\\n    (static |readonly )*${member}[(?:<]`).test(body);

/** Test controls and private helpers of the model: not part of what the product may call. */
const MODEL_ONLY = new Set([
  'constructor',
  'alive',
  'checkImage',
  'boundsOnDisplay',
  'launch',
  'userReopen',
  'userClick',
  'userRightClick',
  'userBlur',
  'userDismiss',
  'crash',
  'pressKey',
  'isPanel',
  'callsOf',
  'webPreferences',
]);

const ownMembers = (proto: object): string[] =>
  Object.getOwnPropertyNames(proto).filter((m) => !MODEL_ONLY.has(m));

describe('the model matches electron.d.ts', () => {
  it.each([
    ['App', declaration('interface', 'App'), ModelApp.prototype],
    [
      'BrowserWindow',
      declaration('class', 'BrowserWindow') + declaration('class', 'BaseWindow'),
      ModelBrowserWindow.prototype,
    ],
    ['WebContents', declaration('class', 'WebContents'), ModelWebContents.prototype],
    ['Tray', declaration('class', 'Tray'), ModelTray.prototype],
    ['Notification', declaration('class', 'Notification'), ModelNotification.prototype],
    ['NativeImage', declaration('class', 'NativeImage'), ModelNativeImage.prototype],
  ])('%s: every modelled member exists in Electron 45', (_name, body, proto) => {
    const missing = ownMembers(proto).filter((m) => !hasMember(body, m));
    expect(missing).toEqual([]);
  });

  it('modules: only main-process modules, each a real export of electron', () => {
    // What the main process can import: namespace Main plus namespace Common (nativeImage, shell, net…).
    const start = dts.indexOf('\n  namespace Common {');
    const main = dts.slice(start, dts.indexOf('\n  namespace Renderer {', start));
    expect(main).not.toMatch(/\bconst (contextBridge|ipcRenderer)\b/);
    for (const name of MAIN_MODULES) expect(main).toMatch(new RegExp(`\\b(const|class) ${name}\\b`));
    const model = createElectronModel();
    expect(() => (model.electron as unknown as Record<string, unknown>)['contextBridge']).toThrow(
      /not modelled/,
    );
    expect(() => (model.electron as unknown as Record<string, unknown>)['ipcRenderer']).toThrow(
      /not modelled/,
    );
  });
});

describe('macOS rules', () => {
  it('every rule cites an Electron source file or doc', () => {
    for (const rule of Object.values(MAC_RULES)) expect(rule.source).toMatch(/(shell|lib|docs)\/[\w/.-]+/);
  });

  it('ready gate: windows, trays, screen, session, safeStorage, powerMonitor throw before ready', () => {
    const model = createElectronModel();
    const e = model.electron;
    const image = e.nativeImage.createEmpty();
    expect(() => new e.BrowserWindow({})).toThrow(/before the app is ready/);
    expect(() => new e.Tray(image)).toThrow(/before the app is ready/);
    expect(() => e.screen.getAllDisplays()).toThrow(/before the app is ready/);
    expect(() => e.session.defaultSession).toThrow(/before the app is ready/);
    expect(() => e.safeStorage.isEncryptionAvailable()).toThrow(/before the app is ready/);
    expect(() => e.powerMonitor.on('resume', () => undefined)).toThrow(/before the app is ready/);
    model.app.launch();
    expect(() => new e.BrowserWindow({})).not.toThrow();
  });

  it('unknown members throw instead of returning a truthy stand-in', () => {
    const model = createElectronModel();
    model.app.launch();
    const win = new model.electron.BrowserWindow({}) as unknown as Record<string, unknown>;
    expect(() => win['setVibrancyEverywhere']).toThrow(/BrowserWindow.setVibrancyEverywhere is not modelled/);
  });

  it('nativeImage: a missing file is empty; Template names and @2x siblings are recognised', () => {
    const { nativeImage } = createElectronModel().electron;
    expect(nativeImage.createFromPath('/nonexistent/tray.png').isEmpty()).toBe(true);
    const ok = nativeImage.createFromPath(join(root, 'resources/tray-okTemplate.png'));
    expect([ok.isEmpty(), ok.isTemplateImage(), ok.getScaleFactors()]).toEqual([false, true, [1, 2]]);
    const icon = nativeImage.createFromPath(join(root, 'resources/icon.png'));
    expect([icon.isTemplateImage(), icon.getScaleFactors(), icon.getSize().width]).toEqual([
      false,
      [1],
      1024,
    ]);
  });

  it('tray: without a menu click follows mouse-up; with a context menu click then the menu, and no mouse-up', () => {
    const model = createElectronModel();
    model.app.launch();
    const { Tray, Menu, nativeImage } = model.electron;
    const tray = new Tray(nativeImage.createFromPath(join(root, 'resources/tray-okTemplate.png')));
    const seen: string[] = [];
    tray.on('click', (event: { ctrlKey: boolean }) => seen.push(`click ctrl=${String(event.ctrlKey)}`));
    tray.on('mouse-up', () => seen.push('mouse-up'));
    tray.userClick({ ctrlKey: true });
    tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Quit' }]));
    tray.userClick();
    // tray_icon_cocoa.mm -mouseUp: NotifyMouseUp first, then handleClickNotifications (the click).
    expect(seen).toEqual(['mouse-up', 'click ctrl=true', 'click ctrl=false']);
    expect(tray.menusOpened).toHaveLength(1);
  });

  it('a Notification cannot be created before ready (electron_api_notification.cc Notification::New)', () => {
    const model = createElectronModel();
    expect(() => new model.electron.Notification({ title: 't', body: 'b' })).toThrow(
      /before the app is ready/,
    );
    model.app.launch();
    expect(() => new model.electron.Notification({ title: 't', body: 'b' })).not.toThrow();
  });

  it("tray: a quick second click is a 'double-click', not a 'click', unless double clicks are ignored", () => {
    const model = createElectronModel();
    model.app.launch();
    const { Tray, nativeImage } = model.electron;
    const tray = new Tray(nativeImage.createFromPath(join(root, 'resources/tray-okTemplate.png')));
    const seen: string[] = [];
    tray.on('click', () => seen.push('click'));
    tray.on('double-click', () => seen.push('double-click'));
    tray.userClick();
    tray.userClick({ clickCount: 2 });
    expect(seen).toEqual(['click', 'double-click']);
    tray.setIgnoreDoubleClickEvents(true);
    tray.userClick();
    tray.userClick({ clickCount: 2 });
    expect(seen).toEqual(['click', 'double-click', 'click', 'click']);
  });

  it("closing the last window quits an app with no 'window-all-closed' listener, not one that has one", () => {
    const bare = createElectronModel();
    bare.app.launch();
    new bare.electron.BrowserWindow({}).close();
    expect(bare.app.quitState).toBe('quit');
    const own = createElectronModel();
    own.app.launch();
    own.electron.app.on('window-all-closed', () => undefined);
    const settings = new own.electron.BrowserWindow({});
    settings.close();
    expect(own.app.quitState).toBe('running');
  });

  it("Electron's default menu is installed at launch unless the app set one", () => {
    const bare = createElectronModel();
    bare.app.launch();
    expect(bare.menu.getApplicationMenu()?.items.map((i) => i.role)).toContain('viewMenu');
    const own = createElectronModel();
    own.electron.Menu.setApplicationMenu(null);
    own.app.launch();
    expect(own.menu.getApplicationMenu()).toBeNull();
  });

  it("a panel window does not activate the app; a normal one does, and hide() doesn't deactivate it", () => {
    const model = createElectronModel();
    model.app.launch();
    const panel = new model.electron.BrowserWindow({ type: 'panel' });
    panel.show();
    expect(model.state.appActive).toBe(false);
    const normal = new model.electron.BrowserWindow({});
    normal.show();
    normal.hide();
    expect(model.state.appActive).toBe(true);
  });

  it('alpha without transparent is recorded as a violation', () => {
    const model = createElectronModel();
    model.app.launch();
    new model.electron.BrowserWindow({ backgroundColor: '#00000000' });
    new model.electron.BrowserWindow({ backgroundColor: '#00000000', transparent: true });
    expect(model.state.violations.map((v) => v.rule)).toEqual(['alpha-needs-transparent']);
  });
});
