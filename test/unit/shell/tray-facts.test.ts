// The tray's inputs from the core's change journal: right counts without a snapshot, and "nothing the tray shows
// changed" when a change was only, say, a VM's uptime (then the tray skips its rebuild).
import { afterEach, describe, expect, it } from 'vitest';
import { TrayFacts } from '../../../src/main/shell/tray-facts';
import { selectTrayStatus, trayStatusOf } from '../../../src/main/shell/tray-status';
import { farm, stopFarm } from '../core/fake-farm';

afterEach(stopFarm);

describe('tray facts', () => {
  it('count like a snapshot would, and report only changes the tray shows', async () => {
    const { hub, core } = await farm(2, 3);
    const facts = new TrayFacts(core.view);
    const same = (): void =>
      expect(trayStatusOf(facts.input(), { showTrayCount: true })).toEqual(
        selectTrayStatus(core.snapshot(), { showTrayCount: true }),
      );
    expect(facts.refresh()).toBe(true);
    same();
    expect(facts.refresh()).toBe(false);

    const c = hub.last('h1');
    c.connection.msg({ type: 'vm-uptime', vmId: 'h1-vm-0', uptimeSeconds: 1234 });
    expect(facts.refresh()).toBe(false); // uptime: nothing the tray shows

    c.connection.msg({
      type: 'vm-state-changed',
      vmId: 'h1-vm-0',
      previousState: 'running',
      currentState: 'stopped',
    });
    expect(facts.refresh()).toBe(true);
    same();
    expect(facts.input().runningOn(new Set(['h0', 'h1']))).toBe(5);

    c.connection.msg({ type: 'vm-removed', vmId: 'h1-vm-1' });
    expect(facts.refresh()).toBe(true);
    same();
    expect(facts.input().runningOn(new Set(['h1']))).toBe(1);
  });
});
