// The bench's farm, built the same way in the page (stub-api.js, the preload's stand-in) and in main's stand-in
// (main-stand-in.js, a worker): both build it from CONFIG and the same start time, so the VMs main cuts the first
// screen from are the VMs the page later pulls in slices. Plain JavaScript (runs in the page and in a worker).
// `config.groups > 1` is the farm (100 Macs × 40 VMs): one orchestrator entry relaying that many Macs, each
// VM carrying its Mac's orchestrator id (farmHostId) like core's farm monitor sets it.
globalThis.buildBenchFarm = (config, start, sortVms) => {
  const id = (i) => `6c2d1f0a-8b7e-4c33-9a10-${i.toString(16).padStart(12, '0')}`;
  const farm = config.groups > 1;
  const hostId = farm ? 'orch-1' : 'farm-1';
  const perGroup = farm ? Math.ceil(config.vms / config.groups) : config.vms;
  const macName = (g) => `mac-${String(g + 1).padStart(3, '0')}`;
  const farmHosts = farm
    ? Array.from({ length: config.groups }, (_, g) => ({
        id: `host-${id(g).slice(-8)}`,
        name: macName(g),
        url: `https://${macName(g)}.farm.local:3080`,
        state: 'live',
      }))
    : undefined;
  // A CI farm's mix: mostly running, many stopped long ago (stateSince null: already stopped when Hubwatch first
  // listed them), some suspended, a few stopped in the last minutes, a few mid-transition and a few in error.
  const stateOf = (i) =>
    i % 397 === 5
      ? ['stopped', start - (i % 7) * 60_000]
      : i % 499 === 7
        ? ['starting', start - 5_000]
        : i % 997 === 11
          ? ['invalid', null]
          : i % 10 === 0
            ? ['stopped', null]
            : i % 17 === 0
              ? ['suspended', null]
              : ['running', start - i * 1000];
  const vms = sortVms(
    Array.from({ length: config.vms }, (_, i) => {
      const [state, stateSince] = stateOf(i);
      const g = Math.floor(i / perGroup);
      return {
        hostId,
        ...(farm ? { farmHostId: farmHosts[g].id } : {}),
        id: id(i),
        name: farm
          ? `ci-${macName(g)}-${String((i % perGroup) + 1).padStart(2, '0')}`
          : `ci-mac-${String(i + 1).padStart(4, '0')}`,
        state,
        os: i % 4 < 2 ? 'macosx' : 'ubuntu',
        uptimeSeconds: 3600 + i,
        stateSince,
        changedWhileOffline: false,
      };
    }),
    [hostId],
  );
  let eventSeq = 0;
  const eventFor = (vm, from, to, at) => ({
    id: String(++eventSeq),
    at,
    hostId,
    kind: 'state-changed',
    vmId: vm.id,
    ...(vm.farmHostId === undefined ? {} : { farmHostId: vm.farmHostId }),
    vmName: vm.name,
    from,
    to,
  });
  const events = Array.from({ length: config.events }, (_, i) =>
    eventFor(vms[i % vms.length], 'running', 'stopped', start - (config.events - i) * 1000),
  );
  /** The snapshot main would hand out for these VMs and events (the page passes its updated ones). */
  const snapshotOf = (vmList, eventList) => ({
    hosts: [
      {
        id: hostId,
        ...(farm ? { kind: 'orchestrator', farmHosts } : {}),
        name: farm ? 'Orchestrator 1' : 'Farm 1',
        url: farm ? 'https://orchestrator.farm.local:3080' : 'https://farm-1.local:3080',
        status: { tag: 'live', since: start - 3_600_000 },
        serverVersion: '1.0.5',
      },
    ],
    vms: vmList,
    events: eventList,
    pending: [],
    mutedVms: [],
    notificationsPausedUntil: null,
    generatedAt: Date.now(),
  });
  return { vms, events, eventFor, snapshotOf };
};
