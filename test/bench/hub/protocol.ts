// Commands a measurement process sends to its hub process (over the fork IPC channel), and their answers.
export interface HubCommandMap {
  /** Start the hub with `vms` VMs (plus one sentinel VM when asked). */
  init: [{ vms: number; sentinel: boolean; initialState: string; pingIntervalMs: number }, { port: number }];
  time: [Record<string, never>, { now: number }];
  /** Resolves once `count` welcomes were sent in total. */
  waitWelcome: [{ count: number; timeoutMs: number }, { welcomeAt: number }];
  /** Encodes `frames` state changes cycling over the VMs (not timed). */
  prepareBlast: [{ frames: number }, { bytes: number }];
  /** Writes the prepared frames, then (optionally) one sentinel frame, as fast as the socket takes them. */
  goBlast: [{ sentinelState: string | null }, { startedAt: number; endedAt: number }];
  /** `rate` frames per second for `durationMs`; returns each frame's send time, VM index and new state. */
  steady: [{ rate: number; durationMs: number }, { sends: [number, number, string][] }];
  /** VMs [from, from+count) change to `to`, all frames in ONE socket write. */
  burst: [{ from: number; count: number; to: string }, { sentAt: number; bytes: number }];
  /** Silent truth changes (no frames): returns the truth [id, name, state] the client must reach after a resync. */
  mutate: [
    { stateChanges: number; renames: number; adds: number; removes: number; round: number },
    { truth: [string, string, string][] },
  ];
  /** TCP drop without a close frame; resolves when the client's reconnect got its welcome. */
  drop: [Record<string, never>, { droppedAt: number; welcomeAt: number }];
  stats: [Record<string, never>, { peers: number; pongs: number; welcomes: number; restRequests: number }];
  close: [Record<string, never>, Record<string, never>];
  /** A farm of `hosts` more hubs (one port each) with `vmsPerHost` running VMs each: farm-hubs.ts. */
  farmInit: [{ hosts: number; vmsPerHost: number; pingIntervalMs: number }, { ports: number[] }];
  /** `rate` state changes per second for `durationMs`, round-robin over the farm's hosts. */
  farmSteady: [{ rate: number; durationMs: number }, { frames: number }];
  /** One VM of one farm host changes state. */
  farmOne: [{ host: number; index: number }, { sentAt: number; vmId: string; state: string }];
  /** Every farm host drops its sockets at once; resolves when every host sent a new welcome. */
  farmDrop: [Record<string, never>, { droppedAt: number; lastWelcomeAt: number }];
  farmStats: [Record<string, never>, { lists: number[]; peers: number }];
  /** One simulated orchestrator in front of `hosts` hosts × `vmsPerHost` running VMs: orchestrator-hub.ts. */
  orchInit: [
    { hosts: number; vmsPerHost: number },
    { url: string; keyId: string; secret: string; hostIds: string[] },
  ];
  /** `rate` VM state changes per second for `durationMs`, round-robin over the hosts, relayed by the orchestrator. */
  orchSteady: [{ rate: number; durationMs: number }, { frames: number }];
  /** One VM of one host (by index in the sorted host ids) changes state. */
  orchOne: [{ host: number; index: number }, { sentAt: number; hostId: string; vmId: string; state: string }];
  /** The client's sockets to the orchestrator drop at once (WS and REST), no close frame. */
  orchDrop: [Record<string, never>, { droppedAt: number }];
  orchStats: [
    Record<string, never>,
    { lists: number[]; hostTableReads: number; framesSent: number; framesDropped: number },
  ];
}

export type HubCommand = keyof HubCommandMap;

export interface HubRequest {
  id: number;
  cmd: HubCommand;
  arg: unknown;
}

export type HubReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
