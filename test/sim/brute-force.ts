// The server's brute-force guard on POST /auth/token, which the protocol doc does not mention. Source (prl-devops-
// service 51f9563): src/controllers/authorization.go GetTokenHandler() writes the wrong-password 404 and THEN calls
// bruteForceSvc.Process(user.ID, false, …); src/security/brute_force_guard/main.go Process() counts
// FailedLoginAttempts in the user's DB record and, from the MaxLoginAttempts-th consecutive failure on, sleeps in
// the handler: with IncrementalWait (the default) (failures - (max - 1)) × BlockDuration, else BlockDuration.
// net/http buffers the small error body until the handler returns (controllers/common.go
// ReturnApiErrorWithDiagnostics never flushes), so the client sees the 404 only after that sleep. Defaults
// (brute_force_guard/options.go NewDefaultOptions): 5 attempts, "5s", incremental. Only a wrong password for an
// EXISTING user counts (an unknown user returns before Process; API keys never call it); a successful password
// sign-in resets the count. `Blocked` is set but never checked at sign-in, so the right password still works.
// The count lives in the database: it survives a server restart.
import type { SimUser } from './auth';
import type { BruteForceOptions } from './types';

export class BruteForceGuard {
  private readonly failures = new Map<string, number>();
  private readonly max: number;
  private readonly blockMs: number;
  private readonly incremental: boolean;

  constructor(options: BruteForceOptions = {}) {
    this.max = Math.max(1, options.maxAttempts ?? 5);
    this.blockMs = options.blockDurationMs ?? 5_000;
    this.incremental = options.incrementalWait ?? true;
  }

  /** A wrong password for `user`: the new count, and how long the handler now sleeps before its 404 leaves. */
  failed(user: SimUser): { failures: number; delayMs: number } {
    const failures = (this.failures.get(user.username) ?? 0) + 1;
    this.failures.set(user.username, failures);
    if (failures < this.max) return { failures, delayMs: 0 };
    const delayMs = this.incremental ? (failures - (this.max - 1)) * this.blockMs : this.blockMs;
    return { failures, delayMs };
  }

  succeeded(user: SimUser): void {
    this.failures.delete(user.username);
  }

  failuresOf(username: string): number {
    return this.failures.get(username) ?? 0;
  }
}
