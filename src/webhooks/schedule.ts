/**
 * When a failed delivery is tried again (Svix's model, on the merchant's clock). Razorpay documents
 * "exponential backoff for 24 hours after the event", not the intervals, so Tijori picks them:
 *
 *   attempt 1 at the event, then after 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h …
 *
 * each ±20% (jitter, so that a recovering endpoint is not hit by every retry at once), never past
 * the deadline: 24 h after the delivery was created (the event's time for an original delivery).
 * The last retry happens exactly at the deadline; if it fails too the delivery is `failed` and the
 * endpoint is disabled (RT:webhooks/best-practices.md).
 */

/** Seconds after the n-th failed attempt (index n-1); the last entry repeats. */
export const RETRY_SCHEDULE_S: readonly number[] = [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800]

export const JITTER = 0.2

/** How long deliveries are retried, counted from the delivery's creation (= the event's time). */
export const GIVE_UP_AFTER_S = 24 * 3600

/**
 * A claimed delivery's lease: before POSTing, its next_attempt_at moves this far ahead, so that if
 * the process dies mid-POST the delivery falls due again after the lease (at-least-once), and
 * another process sharing the database does not POST it at the same time. It exceeds the 5 s
 * response timeout plus the 10 s maximum chaos delay.
 */
export const LEASE_S = 30

/** Seconds to wait after `failedAttempts` attempts have failed (1 → ~5 s), with jitter. */
export function retryDelay(failedAttempts: number, random: () => number = Math.random): number {
  const base = RETRY_SCHEDULE_S[Math.min(Math.max(failedAttempts, 1), RETRY_SCHEDULE_S.length) - 1]
  const factor = 1 - JITTER + 2 * JITTER * random()
  return Math.max(1, Math.round(base * factor))
}

/**
 * After a failed attempt at `now`: the time of the next one, or null when the delivery gives up
 * (the deadline has been reached).
 */
export function nextAttemptAt(now: number, failedAttempts: number, createdAt: number, random: () => number = Math.random): number | null {
  const deadline = createdAt + GIVE_UP_AFTER_S
  if (now >= deadline) return null
  return Math.min(now + retryDelay(failedAttempts, random), deadline)
}
