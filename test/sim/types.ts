// Public types of the Events Hub simulator. The contract is /work/notes/sim-api.md: other helpers code against it,
// so fields are only ever added here, never changed.

export interface SimVm {
  id: string;
  name: string;
  state: string;
  os: string;
  uptime: string;
  user: string;
}

export interface TlsPair {
  certPem: string;
  keyPem: string;
}

/** Anything with `now()` in epoch ms; structurally compatible with ports.ts `Clock`. */
export interface SimClock {
  now(): number;
}

/** The server's brute-force guard settings (brute-force.ts, security/brute_force_guard/options.go). */
export interface BruteForceOptions {
  /** BRUTE_FORCE_MAX_LOGIN_ATTEMPTS, default 5 (values below 1 become 1, options.go WithMaxLoginAttempts). */
  maxAttempts?: number;
  /** BRUTE_FORCE_LOCKOUT_DURATION, default 5000 ms ("5s"). */
  blockDurationMs?: number;
  /** BRUTE_FORCE_INCREMENTAL_WAIT, default true. */
  incrementalWait?: boolean;
}

export interface SimOptions {
  /** 0 (default) = ephemeral; bound to 127.0.0.1 only. */
  port?: number;
  /** A count generates deterministic VMs (seeded names like "ci-mac-01", OS mix incl. macosx). */
  vms?: number | SimVm[];
  /** Deterministic RNG for generation and the realistic mode. */
  seed?: number;
  /** true = the checked-in self-signed pair (test/sim/certs/primary-*), or an explicit pair. */
  tls?: boolean | TlsPair;
  /** Default 30_000 (protocol ping frames). */
  pingIntervalMs?: number;
  /** Default 45_000 (terminate without close frame when no pong). */
  pongWaitMs?: number;
  /** Default 100 (outbound queue flush); queue cap 2048 dropping oldest. */
  flushIntervalMs?: number;
  /**
   * JWT lifetime. Default 900: the server's `JWT_DURATION` default is 15m (security/jwt/options.go
   * NewDefaultOptions); TOKEN_DURATION_MINUTES is never read by the JWT service.
   */
  tokenLifetimeSec?: number;
  /**
   * Models `JWT_HMACS_SECRET` being set. Default false: the server draws a random HMAC secret at every start
   * (security/jwt/main.go), so `restart()` invalidates every issued token ("invalid token" 401).
   */
  stableJwtSecret?: boolean;
  /** Models `API_PREFIX` (config/main.go ApiPrefix()): routes under `{prefix}/v1/…`. Default "/api". */
  apiPrefix?: string;
  /** Orchestrator-only server (no `host` module, controllers/main.go): no /machines routes (404). */
  orchestratorOnly?: boolean;
  /**
   * GET /machines/{id} for a VM the server does not have answers 404 only after this delay. Default 5000:
   * findVmInCacheAndSystem() retries the cache 10 × 500 ms, then runs a full `prlctl list` (§8.2).
   */
  missDelayMs?: number;
  /**
   * The server changes its cache before the event frame leaves (the broadcast runs in a goroutine and the
   * queue flushes every 100 ms): a list can see a change this long before its event. Default 0.
   */
  eventLagMs?: number;
  /**
   * Age of the snapshot the periodic full refresh broadcasts (startAutoCacheRefresh builds it, then a goroutine
   * sends it): a VM_UPDATED can carry a state older than a VM_STATE_CHANGED already sent. Default 0.
   */
  refreshSnapshotAgeMs?: number;
  /** Default root / root@localhost / "hubwatch-demo". */
  users?: { username: string; email: string; password: string }[];
  /** Default one key. */
  apiKeys?: { id: string; secret: string }[];
  /** VM_ADDED/VM_UPDATED new_vm with lower-case name/os_type/state (public-docs shape). */
  docsShape?: boolean;
  /** Near-simultaneous events may be reordered, duplicate VM_ADDED, periodic VM_UPDATED-for-all. */
  realistic?: boolean;
  /** Realistic periodic refresh (default 300_000). */
  refreshIntervalMs?: number;
  /** v0.9.x: second WS from same IP -> 409 ApiErrorDiagnosticsResponse. */
  legacyOnePerIp?: boolean;
  /** Default "1.0.5"; "1.0.4" or lower => VM actions are GET-only (PUT -> 405). */
  devopsVersion?: string;
  /** How long a VM action takes (transitional state first, then final). Default 500. */
  actionDelayMs?: number;
  /** Addition: time source for JWT `exp` checks, so tests can expire tokens without sleeping. Default Date. */
  clock?: SimClock;
  /**
   * Addition: the server's brute-force guard on POST /auth/token (brute-force.ts): from the 5th consecutive wrong
   * password of a user on, the 404 is answered only after (failures - 4) × 5 s. Always on, as on a real server.
   */
  bruteForce?: BruteForceOptions;
}

export interface SimStats {
  wsUpgradeAttempts: number;
  /** Cumulative successful upgrades since start / resetStats(). */
  wsConnected: number;
  /** Upgrade rejections by HTTP status. */
  wsRejected: Record<number, number>;
  /** Every non-upgrade HTTP request, token requests included. */
  restRequests: number;
  tokenRequests: number;
  framesSent: number;
  framesDropped: number;
  /** Addition: WS clients open right now (not reset by resetStats()). */
  wsOpen: number;
  /** Addition: requests and upgrades that arrived while frozen (answered after freeze(false)). */
  heldWhileFrozen: number;
}

export interface MutationOptions {
  /** Change the truth and send no event (what a client misses while disconnected, or a lost event). */
  silent?: boolean;
}

/** What both simulators (single host and orchestrator) answer alike: where they listen, who may sign in, counters. */
export interface SimServer<Stats> {
  /** http(s)://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly credentials: { username: string; email: string; password: string; apiKey: string };
  /** A valid JWT-looking bearer token for the default user. */
  issueToken(): string;
  readonly stats: Stats;
  resetStats(): void;
}

export interface Simulator extends SimServer<SimStats> {
  /** SHA-256 of the TLS cert, "AB:CD:..." upper-case, or null. */
  readonly fingerprint: string | null;
  vms(): SimVm[];
  getVm(id: string): SimVm | undefined;
  setState(id: string, state: string, opts?: MutationOptions): void;
  addVm(vm?: Partial<SimVm>, opts?: MutationOptions): SimVm;
  removeVm(id: string, opts?: MutationOptions): void;
  renameVm(id: string, name: string, opts?: MutationOptions): void;
  setUptime(id: string, uptime: string): void;
  dropAllSockets(): void;
  refuseConnections(status: 503 | null): void;
  refuseTcp(on: boolean): void;
  freeze(on: boolean): void;
  revokeAllTokens(): void;
  setPassword(username: string, password: string): void;
  setLegacyOnePerIp(on: boolean): void;
  sendRaw(data: string | Buffer, opts?: { binary?: boolean }): void;
  broadcast(frame: object): void;
  /** Addition: `tls` swaps the served certificate (e.g. the alternate pair) for the new listener. */
  restart(opts?: { tls?: TlsPair }): Promise<void>;
  close(): Promise<void>;
  /** Addition: the REST-shaped (capitalised ParallelsVM) object for a VM, as GET /machines/{id} returns it. */
  restVm(id: string): Record<string, unknown> | undefined;
  /** Addition: the periodic full refresh now (a VM_UPDATED per VM, snapshot `refreshSnapshotAgeMs` old). */
  refreshNow(): void;
  /**
   * Addition: GET /machines answers `500` (with a server reason) or hangs (`'hang'`, never answers) until
   * `null`; the WS and every other route keep working.
   */
  failMachinesList(mode: 500 | 'hang' | null): void;
  /** Addition: GET /machines/{id} requests received (lookups), for dedupe / no-lookup checks. */
  readonly machineLookups: number;
  /** Addition: the most GET /machines/{id} requests that were being answered at the same time. */
  readonly maxConcurrentLookups: number;
  /** Addition: currently connected WS client ids, in connection order. */
  clientIds(): string[];
  /** Addition: resolves when the listener is accepting again (after refuseTcp(false) or restart()). */
  whenListening(): Promise<void>;
  /** Addition: consecutive wrong-password sign-ins the brute-force guard has counted for this user. */
  failedLogins(username: string): number;
}
