// `npm run demo`: Hubwatch against the bundled simulator. The launcher (test/sim/demo-app.ts) passes the
// simulator's URL and its own demo credentials through the environment. Demo runs use a throw-away profile and an
// in-memory secret store, so they never touch the user's real settings or Keychain.
import { join } from 'node:path';
import type { HostInput, SettingsInput, AppSettings } from '../../shared/settings';

export interface DemoConfig {
  readonly userDataDir: string;
  readonly host: HostInput;
}

export function demoConfigFromEnv(env: NodeJS.ProcessEnv, tempDir: string): DemoConfig | null {
  const url = env['HUBWATCH_DEMO_URL'];
  const username = env['HUBWATCH_DEMO_USER'];
  const password = env['HUBWATCH_DEMO_PASSWORD'];
  if (!url || !username || !password) return null;
  return {
    userDataDir: join(tempDir, `hubwatch-demo-${process.pid}`),
    host: {
      id: 'demo',
      name: 'demo-farm',
      url,
      auth: 'password',
      username,
      secret: password,
      pinnedFingerprint: null,
      enabled: true,
    },
  };
}

export function demoSettingsInput(current: AppSettings, host: HostInput): SettingsInput {
  return {
    hosts: [host],
    notifications: current.notifications,
    showTrayCount: current.showTrayCount,
    launchAtLogin: false,
  };
}
