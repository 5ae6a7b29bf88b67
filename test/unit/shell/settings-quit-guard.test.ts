// Quitting with unsaved settings (issue 14 gap): app menu Quit, tray Quit and Cmd+Q all go through app.quit(), so
// before anything stops, the same Save / Don't Save / Cancel sheet asks; Save (once the page saved) or Don't Save
// then completes the quit, Cancel cancels it. On the strict Electron model, where a window that refuses to close
// cancels the quit as in Electron (browser.cc OnWindowCloseCancelled).
import { describe, expect, it } from 'vitest';
import { openSettingsWindow, settle } from './settings-window-fixture';

/** The settings window with unsaved edits, and the user has just chosen Quit (the sheet is up). */
function quitWithUnsavedEdits() {
  const opened = openSettingsWindow({ withLifecycle: true });
  opened.settings.setUnsaved(true);
  opened.model.app.quit();
  return opened;
}

/** Resolves when the model app has really quit (its 'quit' event), so no test waits for a time. */
function quitDone(model: ReturnType<typeof openSettingsWindow>['model']): Promise<void> {
  return new Promise((resolve) => model.app.once('quit', () => resolve()));
}

describe('closing the settings window', () => {
  it('the last window closing does not quit the menu-bar app (it listens to window-all-closed)', () => {
    // Electron's own 'window-all-closed' listener quits when no one else listens (lib/browser/init.ts); here
    // Settings is the only window, as the model's strict app now enforces.
    const { model, settings, stop } = openSettingsWindow({ withLifecycle: true });
    settings.close();
    expect(model.windows().every((w) => w.isDestroyed())).toBe(true);
    expect(model.app.quitState).toBe('running');
    expect(stop).not.toHaveBeenCalled();
  });
});

describe('quitting with the settings window open', () => {
  it('with nothing unsaved, quits at once without asking', async () => {
    const { model, win, stop } = openSettingsWindow({ withLifecycle: true });
    const quit = quitDone(model);
    model.app.quit();
    await quit;
    expect(model.messageBoxes()).toHaveLength(0);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(win.isDestroyed()).toBe(true);
  });

  it('with unsaved edits, asks in the settings sheet before anything stops', () => {
    const { model, win, stop } = quitWithUnsavedEdits();
    const [box] = model.messageBoxes();
    expect(box?.window).toBe(win);
    expect(box?.options.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(stop).not.toHaveBeenCalled(); // the core keeps watching while the user decides
    expect(model.app.quitState).toBe('running');
    model.app.quit(); // Cmd+Q again while the sheet is up: still one sheet
    expect(model.messageBoxes()).toHaveLength(1);
  });

  it("Don't Save discards the edits and completes the quit", async () => {
    const { model, win, stop } = quitWithUnsavedEdits();
    const quit = quitDone(model);
    model.messageBoxes()[0]?.answer(1);
    await quit;
    expect(model.app.quitState).toBe('quit');
    expect(stop).toHaveBeenCalledTimes(1);
    expect(win.isDestroyed()).toBe(true);
    expect(win.webContents.sent).toEqual([]);
  });

  it('Save asks the page to save, and completes the quit once it reports nothing unsaved', async () => {
    const { model, settings, win, stop } = quitWithUnsavedEdits();
    model.messageBoxes()[0]?.answer(0);
    await settle();
    expect(win.webContents.sent).toEqual([{ channel: 'settings:save-before-close', payload: null }]);
    expect(stop).not.toHaveBeenCalled();
    const quit = quitDone(model);
    settings.setUnsaved(false); // the page saved
    await quit;
    expect(stop).toHaveBeenCalledTimes(1);
    expect(win.isDestroyed()).toBe(true);
  });

  it('Cancel cancels the quit: the app, the core, the window and the edits stay', async () => {
    const { model, win, stop } = quitWithUnsavedEdits();
    model.messageBoxes()[0]?.cancel();
    await settle();
    expect(model.app.quitState).toBe('running');
    expect(stop).not.toHaveBeenCalled();
    expect(win.isDestroyed()).toBe(false);
    expect(win.webContents.sent).toEqual([]);
    model.app.quit(); // a later quit asks again
    expect(model.messageBoxes()).toHaveLength(1);
  });

  it('a Save that fails (a field to fix) keeps the app running; a later Save does not quit by surprise', async () => {
    const { model, settings, win, stop } = quitWithUnsavedEdits();
    model.messageBoxes()[0]?.answer(0);
    await settle();
    settings.setUnsaved(true); // the page: still unsaved after the attempt
    settings.setUnsaved(false); // later, a normal Save
    await settle();
    expect(model.app.quitState).toBe('running');
    expect(stop).not.toHaveBeenCalled();
    expect(win.isDestroyed()).toBe(false);
  });
});
