import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../support/silent-logger';
import { APP_MENU_TEMPLATE, installAppMenu } from '../../../src/main/shell/app-menu';
import { applyLoginItem } from '../../../src/main/shell/login-item';
import { decodeNotificationId, encodeNotificationId } from '../../../src/main/shell/notification-id';
import { createElectronModel } from '../../support/electron-model/index';

describe('notification ids', () => {
  it('round-trip host and VM, including separators and unicode', () => {
    const id = encodeNotificationId({ id: 'a|b/c', hostId: 'farm|1', vmId: 'vm ü/2' });
    expect(decodeNotificationId(id)).toEqual({ hostId: 'farm|1', vmId: 'vm ü/2' });
    expect(decodeNotificationId(encodeNotificationId({ id: 'x', hostId: 'h' }))).toEqual({ hostId: 'h' });
  });

  it("carry a farm VM's farm host, so a click opens that VM and not a same-id one on another Mac", () => {
    const id = encodeNotificationId({ id: 'x', hostId: 'orch', vmId: 'vm-1', farmHostId: 'a16c|7' });
    expect(decodeNotificationId(id)).toEqual({ hostId: 'orch', vmId: 'vm-1', farmHostId: 'a16c|7' });
    expect(decodeNotificationId('hubwatch|orch||x|mac')).toEqual({ hostId: 'orch', farmHostId: 'mac' });
  });

  it('reject anything that is not ours', () => {
    for (const bad of ['', 'x', 'hubwatch|a', 'other|a|b|c', 'hubwatch||vm|x', 'hubwatch|%E0%A4%A|b|c'])
      expect(decodeNotificationId(bad)).toBeNull();
  });
});

describe('login item (against the model)', () => {
  const setup = () => {
    const model = createElectronModel({ isPackaged: true });
    const logger = { ...silentLogger, warn: vi.fn() };
    return {
      model,
      logger,
      sets: () => model.state.calls.filter((c) => c === 'app.setLoginItemSettings').length,
    };
  };

  it('is applied only when it differs, and read back', () => {
    const { model, logger, sets } = setup();
    expect(applyLoginItem(model.electron.app, true, logger)).toBe(true);
    expect(applyLoginItem(model.electron.app, true, logger)).toBe(true);
    expect(sets()).toBe(1);
    expect(model.app.getLoginItemSettings().openAtLogin).toBe(true);
  });

  it('says so when macOS did not take it (approval required)', () => {
    const { model, logger } = setup();
    model.app.loginItemNeedsApproval = true;
    expect(applyLoginItem(model.electron.app, true, logger)).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith('launch at login not applied', {
      wanted: true,
      status: 'requires-approval',
    });
  });
});

describe('application menu', () => {
  it('is Edit only, and replaces the default one', () => {
    expect(APP_MENU_TEMPLATE).toEqual([{ role: 'editMenu' }]);
    const model = createElectronModel();
    installAppMenu(model.electron.Menu as never);
    model.app.launch();
    expect(model.menu.getApplicationMenu()?.items.map((i) => i.role)).toEqual(['editMenu']);
  });
});
