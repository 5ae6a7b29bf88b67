// Identity and ordering in the orchestrator simulator: VM IDs are not unique across hosts (orchestrator-protocol.md
// §2.7), and the relay may reorder two events of one VM (§3.6) in the realistic mode.
import { describe, expect, it, vi } from 'vitest';
import type { SimVm } from '../../sim';
import { closeAfterEach } from '../../support/close-after-each';
import { call, hostIdOf, rows, startFarm, subscribe } from './orchestrator-helpers';

const track = closeAfterEach();

const SHARED: SimVm = {
  id: '6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a',
  name: 'copied-bundle',
  state: 'running',
  os: 'macosx',
  uptime: '10',
  user: 'ci',
};

describe('orchestrator simulator identity and ordering', () => {
  it('one VM ID on two hosts: separate rows and events keyed by host_id; /machines/{id} takes the first match', async () => {
    const s = await startFarm({
      hosts: [{ vms: [{ ...SHARED }] }, { vms: [{ ...SHARED, state: 'stopped' }] }],
    });
    track(s);
    const c = track(await subscribe(s));
    const [a, b] = s.hosts();
    if (!a || !b) throw new Error('two hosts expected');
    const flat = rows(await call(s, '/orchestrator/machines')).filter((v) => v.ID === SHARED.id);
    expect(flat.map((v) => [v.host_id, v.State]).sort()).toEqual(
      [
        [a.id, 'running'],
        [b.id, 'stopped'],
      ].sort(),
    );
    s.setState(b.id, SHARED.id, 'running');
    const f = await c.next((x) => x.message === 'HOST_VM_STATE_CHANGED');
    expect(hostIdOf(f)).toBe(b.id);
    expect(s.vms(a.id)[0]?.state).toBe('running');
    const one = await call(s, `/orchestrator/machines/${SHARED.id}`);
    expect(one.status).toBe(202);
    expect([a.id, b.id]).toContain((one.body as { host_id: string }).host_id);
  });

  it('realistic: a later event of the same VM can overtake the earlier one, never one of another host', async () => {
    const s = await startFarm({
      realistic: true,
      seed: 11,
      hosts: [{ vms: [{ ...SHARED }] }, { vms: [{ ...SHARED }] }],
    });
    track(s);
    const c = track(await subscribe(s));
    const [a, b] = s.hosts();
    if (!a || !b) throw new Error('two hosts expected');
    // 40 flips per host within one tick, so they sit in the queue together as the racing goroutines would.
    for (const host of [a, b])
      for (let i = 0; i < 40; i++) s.setState(host.id, SHARED.id, i % 2 === 0 ? 'stopped' : 'running');
    const count = (): number => c.frames.filter((x) => x.message === 'HOST_VM_STATE_CHANGED').length;
    await vi.waitFor(() => expect(count()).toBe(80));
    const changes = c.frames.filter((x) => x.message === 'HOST_VM_STATE_CHANGED');
    const chain = (hostId: string): string[] =>
      changes
        .filter((x) => hostIdOf(x) === hostId)
        .map((x) => (x.body as { event: { current_state: string } }).event.current_state);
    const alternates = (list: string[]): boolean => list.every((st, i) => i === 0 || st !== list[i - 1]);
    // Each host got all 40 of its own events, and at least one same-VM pair arrived swapped somewhere.
    expect(chain(a.id)).toHaveLength(40);
    expect(chain(b.id)).toHaveLength(40);
    expect(alternates(chain(a.id)) && alternates(chain(b.id))).toBe(false);
    // Swaps are keyed by (host_id, vm_id): b's first event never overtakes a's last one.
    const hostsInOrder = changes.map(hostIdOf);
    expect(hostsInOrder.lastIndexOf(a.id)).toBeLessThan(hostsInOrder.indexOf(b.id));
  });
});
