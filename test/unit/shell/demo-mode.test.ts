import { describe, expect, it } from 'vitest';
import { demoConfigFromEnv, demoSettingsInput } from '../../../src/main/shell/demo-mode';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

describe('demo mode', () => {
  it('is off unless the launcher passed URL, user and password', () => {
    expect(demoConfigFromEnv({}, '/tmp')).toBeNull();
    expect(
      demoConfigFromEnv({ HUBWATCH_DEMO_URL: 'http://127.0.0.1:3080', HUBWATCH_DEMO_USER: 'root' }, '/tmp'),
    ).toBeNull();
  });

  it('uses a throw-away profile and exactly the simulator host', () => {
    const demo = demoConfigFromEnv(
      {
        HUBWATCH_DEMO_URL: 'http://127.0.0.1:3080',
        HUBWATCH_DEMO_USER: 'root',
        HUBWATCH_DEMO_PASSWORD: 'pw',
      },
      '/tmp',
    );
    expect(demo?.userDataDir).toMatch(/^\/tmp\/hubwatch-demo-\d+$/);
    const input = demoSettingsInput(DEFAULT_SETTINGS, demo!.host);
    expect(input.hosts).toEqual([
      expect.objectContaining({ url: 'http://127.0.0.1:3080', auth: 'password', secret: 'pw' }),
    ]);
    expect(input.launchAtLogin).toBe(false);
    expect(input.notifications).toEqual(DEFAULT_SETTINGS.notifications);
  });
});
