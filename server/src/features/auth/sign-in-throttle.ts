import { createHmac, hkdfSync } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { SignInLimits } from '../../core/config.js';

/** The table of the counters, created by a migration (the library's own table creation is switched off). */
const THROTTLE_TABLE = 'sign_in_throttle';
/** Lockouts within this period make the next one longer. */
const LOCKOUT_MEMORY_SECONDS = 24 * 3600;

/**
 * Keyed hashes (HMAC-SHA-256) of e-mail addresses and source addresses, so neither the throttle table
 * nor the security log holds them in the clear, while an operator who knows an address can still find
 * it (`security:log --email`). The key is derived from the BSN key, for this purpose only.
 */
export class SignInPseudonyms {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'vangnet sign-in pseudonyms', 32));
  }

  email(normalisedEmail: string): string {
    return createHmac('sha256', this.key).update(`email:${normalisedEmail}`).digest('hex');
  }

  address(ip: string): string {
    return createHmac('sha256', this.key).update(`address:${ip}`).digest('hex');
  }
}

export type ThrottleScope = 'account' | 'address';

/**
 * The app's TypeORM DataSource, handed over by the app's wiring as the store of rate-limiter-flexible,
 * which runs its own statements on the throttle table (no case data in it). Kept opaque here: the
 * feature never queries through it.
 */
export type ThrottleStore = object;

/** An attempt let through (it may be verified), or refused with how long to wait. */
export type AttemptDecision =
  | { readonly allowed: true; readonly failuresSoFar: number }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Failed sign-ins counted in PostgreSQL (rate-limiter-flexible's store), so every server process sees
 * the same counters and the same lockouts.
 *
 * An attempt is counted *before* the password is verified (`reserve`), so parallel guesses cannot slip
 * past the limit while the first ones are still being verified; a success takes its attempt back.
 * When a key reaches its limit it is blocked; each further lockout of that key within a day lasts twice
 * as long as the one before, up to the maximum.
 */
export class SignInThrottle {
  private readonly failures: Record<ThrottleScope, RateLimiterPostgres>;
  private readonly lockouts: RateLimiterPostgres;

  constructor(
    throttleStore: ThrottleStore,
    private readonly limits: SignInLimits,
  ) {
    const store = {
      // The app's own pool, looked up at every query (driver.master), so a reconnected DataSource is used.
      storeClient: throttleStore,
      storeType: 'typeorm',
      tableName: THROTTLE_TABLE,
      tableCreated: true,
    } as const;
    this.failures = {
      account: new RateLimiterPostgres({
        ...store,
        keyPrefix: 'account',
        points: limits.maxFailuresPerAccount,
        duration: limits.failureWindowSeconds,
        // Removes long-expired counters now and then (one limiter does it for the whole table).
        clearExpiredByTimeout: true,
      }),
      address: new RateLimiterPostgres({
        ...store,
        keyPrefix: 'address',
        points: limits.maxFailuresPerAddress,
        duration: limits.failureWindowSeconds,
        clearExpiredByTimeout: false,
      }),
    };
    this.lockouts = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'lockouts',
      points: Number.MAX_SAFE_INTEGER,
      duration: LOCKOUT_MEMORY_SECONDS,
      clearExpiredByTimeout: false,
    });
  }

  /** Counts an attempt for the key; refused while the key is locked out or over its limit. */
  async reserve(scope: ThrottleScope, key: string): Promise<AttemptDecision> {
    try {
      const result = await this.failures[scope].consume(key);
      return { allowed: true, failuresSoFar: result.consumedPoints };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
      throw refusal;
    }
  }

  /** Whether the failure that used this reservation reached the key's limit. */
  reachedLimit(scope: ThrottleScope, failuresSoFar: number): boolean {
    return failuresSoFar >= this.limit(scope);
  }

  /** Locks the key out; returns for how long. */
  async lockOut(scope: ThrottleScope, key: string): Promise<{ seconds: number; lockoutsToday: number }> {
    const counted = await this.lockouts.penalty(`${scope}:${key}`);
    const lockoutsToday = counted.consumedPoints;
    const seconds = Math.min(
      this.limits.firstLockoutSeconds * 2 ** Math.min(lockoutsToday - 1, 30),
      this.limits.maxLockoutSeconds,
    );
    await this.failures[scope].block(key, seconds);
    return { seconds, lockoutsToday };
  }

  /** A successful sign-in: the account starts afresh. */
  async resetAccount(key: string): Promise<void> {
    await Promise.all([this.failures.account.delete(key), this.lockouts.delete(`account:${key}`)]);
  }

  /**
   * Gives back the attempt a successful sign-in reserved on its source address. The address's earlier
   * failures stay: one good account must not wipe the traces of guessing at others.
   */
  async returnAttempt(scope: ThrottleScope, key: string): Promise<void> {
    await this.failures[scope].reward(key);
  }

  private limit(scope: ThrottleScope): number {
    return scope === 'account' ? this.limits.maxFailuresPerAccount : this.limits.maxFailuresPerAddress;
  }
}
