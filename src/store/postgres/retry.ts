/**
 * Which PostgreSQL errors mean "run the whole transaction again": the serialization failures of
 * SERIALIZABLE, deadlocks, and unique violations (two processes inserting the same idempotency key
 * at once: the loser's retry finds the winner's committed key and replays it).
 */
const RETRYABLE = new Set(['40001', '40P01', '23505'])

export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && RETRYABLE.has(code)
}

/** Backoff before attempt n+1: short, growing, jittered so the losers do not collide again. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.min(2 ** attempt, 50) * (0.5 + random())
}
