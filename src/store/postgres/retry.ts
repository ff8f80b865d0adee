/**
 * Which PostgreSQL errors mean "run the whole transaction again": the serialization failures of
 * SERIALIZABLE, deadlocks, and unique violations (two processes inserting the same idempotency key
 * at once: the loser's retry finds the winner's committed key and replays it).
 */
const CONFLICTS = new Set(['40001', '40P01'])
const UNIQUE_VIOLATION = '23505'
/** A re-run after a unique violation finds the other process's row at once; more means a real duplicate. */
const UNIQUE_RETRIES = 2

/** Whether attempt number `attempt` (1-based) that failed with `err` should be run again. */
export function isRetryable(err: unknown, attempt = 1): boolean {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return false
  return CONFLICTS.has(code) || (code === UNIQUE_VIOLATION && attempt <= UNIQUE_RETRIES)
}

/** Backoff before attempt n+1: short, growing, jittered so the losers do not collide again. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.min(2 ** attempt, 50) * (0.5 + random())
}
