// dialog.showMessageBox as Electron 45 documents it (electron/electron docs/api/dialog.md):
// `dialog.showMessageBox([window, ]options)` returns Promise<{ response, checkboxChecked }>, `response` being the
// index of the clicked button; pressing Esc (or closing the box) answers `cancelId`. With a window it is a sheet
// attached to that window on macOS. The dialog module, like the others, is unusable before app 'ready'.
// Tests answer each box with `answer(index)`; a box on a destroyed window is a bug (Electron crashes on it).
import type { ModelState } from './state';
import { strict } from './state';

export interface ShownMessageBox {
  readonly window: { isDestroyed(): boolean } | null;
  readonly options: {
    readonly message: string;
    readonly buttons?: readonly string[];
    readonly cancelId?: number;
    readonly defaultId?: number;
    readonly type?: string;
    readonly detail?: string;
  };
  answer(response: number): void;
  /** Esc: Electron resolves with cancelId. */
  cancel(): void;
}

export function createDialog(state: ModelState) {
  const shown: ShownMessageBox[] = [];
  const dialog = {
    showMessageBox(
      ...args: [ShownMessageBox['window'], ShownMessageBox['options']] | [ShownMessageBox['options']]
    ): Promise<{ response: number; checkboxChecked: boolean }> {
      state.requireReady('dialog.showMessageBox');
      const [window, options] = args.length === 2 ? args : [null, args[0]];
      if (typeof options?.message !== 'string')
        throw new TypeError('electron-model: options.message is required');
      if (window?.isDestroyed() === true)
        throw new Error('electron-model: message box on a destroyed window');
      return new Promise((resolve) => {
        const box: ShownMessageBox = {
          window,
          options,
          answer: (response) => {
            const count = options.buttons?.length ?? 1;
            if (!Number.isInteger(response) || response < 0 || response >= count)
              throw new RangeError(`electron-model: no button ${response}`);
            shown.splice(shown.indexOf(box), 1);
            resolve({ response, checkboxChecked: false });
          },
          cancel: () => box.answer(options.cancelId ?? 0),
        };
        shown.push(box);
      });
    },
  };
  return { dialog: strict(dialog, 'dialog'), open: (): readonly ShownMessageBox[] => [...shown] };
}
