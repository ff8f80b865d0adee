/**
 * Token status changes and their events (token.confirmed, token.rejected, token.cancelled,
 * token.paused), each inside the caller's transaction, and the jobs that make the bank's answers
 * happen later on the merchant's clock (scenarios.ts says when).
 */
import type { JobRegistry } from '../../jobs/registry.js'
import { scheduleJob } from '../../jobs/schedule.js'
import type { CardRow, Db } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { paymentStore } from '../payments/store.js'
import { tokenToWire } from './entity.js'
import { cancellationAt, registrationAnsweredAt, registrationRejection } from './scenarios.js'
import { canMove, type TokenStatus } from './states.js'
import { tokenStore, type TokenRow } from './store.js'

export const CONFIRMATION_JOB = 'token.registration'
export const CANCELLATION_JOB = 'token.cancellation'

export async function cardOfToken(db: Db, t: TokenRow): Promise<CardRow | null> {
  return t.card_id ? ((await paymentStore.findCard(db, t.merchant_id, t.card_id)) ?? null) : null
}

async function announce(tx: Db, t: TokenRow, event: string, now: number): Promise<void> {
  await recordEvent(tx, t.merchant_id, event, { token: { entity: tokenToWire(t, await cardOfToken(tx, t)) } }, now)
}

const EVENT: Partial<Record<TokenStatus, string>> = {
  confirmed: 'token.confirmed',
  rejected: 'token.rejected',
  cancelled: 'token.cancelled',
  paused: 'token.paused',
}

/**
 * Moves a recurring token to `to` if the transition table allows it, records its event (resuming a
 * paused token records none: no such event is documented) and returns the token as it is after.
 */
export async function moveToken(tx: Db, t: TokenRow, to: TokenStatus, now: number, failureReason: string | null = null): Promise<TokenRow> {
  if (!canMove(t.recurring_status, to)) return t
  // A rejected mandate is no longer recurring (token.rejected samples: "recurring": false).
  const recurring = to !== 'rejected'
  await tokenStore.update(tx, t.id, { kind: 'status', status: to, recurring, failureReason })
  const after: TokenRow = { ...t, recurring_status: to, recurring: recurring ? 1 : 0, failure_reason: failureReason }
  const event = EVENT[to]
  if (event && !(t.recurring_status === 'paused' && to === 'confirmed')) await announce(tx, after, event, now)
  return after
}

/** The bank answers a registration: confirmed, or rejected (test instruments in scenarios.ts). */
export async function answerRegistration(tx: Db, t: TokenRow, now: number): Promise<TokenRow> {
  const rejection = registrationRejection(t)
  return rejection === null ? moveToken(tx, t, 'confirmed', now) : moveToken(tx, t, 'rejected', now, rejection)
}

/** A new authorisation's token: answered now (real time) or by a job at the bank's time. */
export async function scheduleRegistration(tx: Db, t: TokenRow, now: number): Promise<TokenRow> {
  const at = registrationAnsweredAt(t, now)
  if (at <= now) return answerRegistration(tx, t, now)
  await scheduleJob(tx, { merchantId: t.merchant_id, kind: CONFIRMATION_JOB, subjectId: t.id, runAt: at, now })
  return t
}

/**
 * DELETE: the token leaves the customer's list at once and can no longer be charged; its mandate
 * is cancelled (token.cancelled) now for cards and UPI, the next working day for e-mandate and NACH.
 */
export async function deleteToken(tx: Db, t: TokenRow, now: number): Promise<void> {
  await tokenStore.update(tx, t.id, { kind: 'deleted', at: now })
  const deleted: TokenRow = { ...t, status: 'deleted', deleted_at: now }
  if (t.recurring_status === null || t.recurring_status === 'rejected' || t.recurring_status === 'cancelled') return
  const at = cancellationAt(t, now)
  if (at <= now) await moveToken(tx, deleted, 'cancelled', now)
  else await scheduleJob(tx, { merchantId: t.merchant_id, kind: CANCELLATION_JOB, subjectId: t.id, runAt: at, now })
}

export function registerTokenJobs(jobs: JobRegistry): void {
  jobs.register(CONFIRMATION_JOB, async (tx, job, { now }) => {
    const t = job.subject_id ? await tokenStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id) : undefined
    if (t && t.recurring_status === 'initiated') await answerRegistration(tx, t, now)
  })
  jobs.register(CANCELLATION_JOB, async (tx, job, { now }) => {
    const t = job.subject_id ? await tokenStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id) : undefined
    if (t) await moveToken(tx, t, 'cancelled', now)
  })
}
