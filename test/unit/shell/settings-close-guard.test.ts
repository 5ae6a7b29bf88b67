// The settings window's close guard (issue 14, item 3) on the strict Electron model: closing with unsaved edits
// asks Save / Don't Save / Cancel in a sheet (dialog.showMessageBox with the window), as a Mac app does.
import { describe, expect, it } from 'vitest';
import { openSettingsWindow as setup, settle } from './settings-window-fixture';

/** The settings window with unsaved edits, and the user has just closed it (the sheet is up). */
function closeWithUnsavedEdits() {
  const opened = setup();
  opened.settings.setUnsaved(true);
  opened.win.close();
  return opened;
}

describe('settings close guard', () => {
  it('closes at once when nothing is unsaved', () => {
    const { win, model } = setup();
    win.close();
    expect(win.isDestroyed()).toBe(true);
    expect(model.messageBoxes()).toHaveLength(0);
  });

  it('with unsaved edits, asks in a sheet on the window and keeps it open until answered', () => {
    const { win, model } = closeWithUnsavedEdits();
    expect(win.isDestroyed()).toBe(false);
    const [box] = model.messageBoxes();
    expect(box?.window).toBe(win);
    expect(box?.options.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(box?.options.cancelId).toBe(2);
    win.close(); // a second close while asking: still one sheet
    expect(model.messageBoxes()).toHaveLength(1);
  });

  it('Cancel (or Esc) keeps the window and the edits', async () => {
    const { win, model } = closeWithUnsavedEdits();
    model.messageBoxes()[0]?.cancel();
    await settle();
    expect(win.isDestroyed()).toBe(false);
    expect(win.webContents.sent).toEqual([]);
    win.close(); // asks again
    expect(model.messageBoxes()).toHaveLength(1);
  });

  it("Don't Save closes the window without asking the page", async () => {
    const { settings, win, model } = closeWithUnsavedEdits();
    model.messageBoxes()[0]?.answer(1);
    await settle();
    expect(win.isDestroyed()).toBe(true);
    expect(settings.current()).toBeNull();
  });

  it('Save asks the page to save and closes only once it reports nothing unsaved', async () => {
    const { settings, win, model } = closeWithUnsavedEdits();
    model.messageBoxes()[0]?.answer(0);
    await settle();
    expect(win.webContents.sent).toEqual([{ channel: 'settings:save-before-close', payload: null }]);
    expect(win.isDestroyed()).toBe(false);
    settings.setUnsaved(false);
    expect(win.isDestroyed()).toBe(true);
  });

  it('a Save that fails (fields to fix) keeps the window; a later save does not close it by surprise', async () => {
    const { settings, win, model } = closeWithUnsavedEdits();
    model.messageBoxes()[0]?.answer(0);
    await settle();
    settings.setUnsaved(true); // the page: still unsaved after the attempt
    settings.setUnsaved(false); // later, a normal Save
    expect(win.isDestroyed()).toBe(false);
  });
});
