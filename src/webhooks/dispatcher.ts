/**
 * Delivers webhook_deliveries rows (written by fanout.ts from the outbox's events) to the
 * merchants' endpoints. It is a WorkSource of the JobRunner:
 *   - tick() (the runner's poller, every 500 ms, and again whenever an attempt finishes): fans out
 *     recent events (up to FANOUT_BATCH per transaction), then starts every delivery due on its
 *     merchant's clock, at most `concurrency` at a time, in the background — a slow or dead
 *     endpoint never holds up the API or the poller;
 *   - nextDue() (POST /_sandbox/clock): hands the runner the earliest due delivery, so that advancing
 *     a merchant's clock performs, in order, every attempt and retry that falls due on the way.
 *
 * One attempt: claim the delivery with a lease (row locked FOR UPDATE SKIP LOCKED, compare-and-set
 * next_attempt_at += LEASE_S), POST
 * the event envelope, then record the attempt and the outcome in one transaction. The delivery
 * becomes `delivered` only after a 2xx answer within 5 s. A crash anywhere leaves it `pending`, due
 * again when the lease ends — at-least-once, as Razorpay promises (duplicates are possible, losses
 * are not). An in-memory in-flight map keeps the poller and advance() from POSTing one delivery twice
 * at the same time; the lease does the same across processes sharing the database.
 *
 * Failures retry on schedule.ts's backoff until 24 h of the merchant's clock after the event; then
 * the delivery is `failed` and its endpoint disabled (active=false, disabled_at set).
 */
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import type { Deps } from '../http/context.js'
import type { WorkSource } from '../jobs/runner.js'
import { insertRow } from '../store/compiled-insert.js'
import { preparedQuery } from '../store/prepared-query.js'
import type { WebhookAttemptRow, WebhookDeliveryRow } from '../store/schema.js'
import { parseChaos } from '../domain/webhooks/entity.js'
import { webhookStore } from '../domain/webhooks/store.js'
import { FANOUT_BATCH, fanOut, fanOutMerchant, hasPendingFanout } from './fanout.js'
import { eventEnvelope } from './outbox.js'
import { LEASE_S, nextAttemptAt } from './schedule.js'
import { deliveryHeaders } from './signature.js'

export interface DispatcherOptions {
  /** Deliveries in flight at once from the poller (default 16). */
  concurrency?: number
  /** An answer must arrive within this (default 5000 ms, Razorpay's rule). */
  timeoutMs?: number
  /** Jitter source (tests may pin it). */
  random?: () => number
}

interface PostResult {
  status_code: number | null
  latency_ms: number
  error: string | null
  ok: boolean
  /** Cut short by shutdown: not an attempt, nothing is recorded. */
  aborted: boolean
}

type AttemptRecord = Omit<WebhookAttemptRow, 'id'>

// Every attempt reads its delivery, endpoint and event: prepared (src/store/prepared-query.ts).
const deliveryById = preparedQuery((db, p: { id: string }) => db.selectFrom('webhook_deliveries').selectAll().where('id', '=', p.id))
const eventById = preparedQuery((db, p: { id: string }) => db.selectFrom('events').selectAll().where('id', '=', p.id))

function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } }
  const code = e.cause?.code ?? e.cause?.message
  return code ? `${e.message ?? 'request failed'} (${code})` : (e.message ?? String(err))
}

export class WebhookDispatcher implements WorkSource {
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly shutdown = new AbortController()
  private stopped = false
  /** Set once the real-time poller has called tick(): from then on, finished attempts pull more work. */
  private polling = false
  private kicked = false
  private readonly concurrency: number
  private readonly timeoutMs: number
  private readonly random: () => number

  constructor(
    private readonly deps: Pick<Deps, 'store' | 'clock' | 'log'>,
    opts: DispatcherOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 16
    this.timeoutMs = opts.timeoutMs ?? 5000
    this.random = opts.random ?? Math.random
  }

  /**
   * The earliest pending delivery of this merchant due at or before `upTo` (for advance()), of an
   * event `ofEvent` accepts. Deliveries it passes over are left to the poller; they are read a page
   * at a time, in due order, until one is accepted.
   */
  async nextDue(merchantId: string, upTo: number, ofEvent: (eventId: string) => boolean = () => true): Promise<{ at: number; run: () => Promise<void> } | null> {
    if (this.stopped) return null
    await fanOutMerchant(this.deps.store, merchantId)
    const PAGE = 200
    let after: { at: number; id: string } | null = null // keyset: rows may change between pages
    for (;;) {
      let q = this.deps.store.db
        .selectFrom('webhook_deliveries')
        .select(['id', 'next_attempt_at', 'event_id'])
        .where('status', '=', 'pending')
        .where('merchant_id', '=', merchantId)
        .where('next_attempt_at', '<=', upTo)
      if (after) {
        const { at, id } = after
        q = q.where((eb) => eb.or([eb('next_attempt_at', '>', at), eb.and([eb('next_attempt_at', '=', at), eb('id', '>', id)])]))
      }
      const rows = await q.orderBy('next_attempt_at').orderBy('id').limit(PAGE).execute()
      const row = rows.find((r) => ofEvent(r.event_id))
      if (row) return { at: row.next_attempt_at, run: () => this.attempt(row.id) }
      if (rows.length < PAGE) return null
      const last = rows[rows.length - 1]!
      after = { at: last.next_attempt_at, id: last.id }
    }
  }

  /** Starts, in the background, the deliveries due now on each merchant's clock (the poller). */
  async tick(): Promise<void> {
    this.polling = true
    if (this.stopped) return
    const { store } = this.deps
    const { db } = store
    // Write the deliveries of recent events first (a read when there are none).
    if (await hasPendingFanout(db)) await store.write((tx) => fanOut(tx, { limit: FANOUT_BATCH, skipLocked: true }))
    if (this.stopped || this.inFlight.size >= this.concurrency) return
    const merchants = await db.selectFrom('webhook_deliveries').select('merchant_id').distinct().where('status', '=', 'pending').execute()
    for (const { merchant_id } of merchants) {
      if (this.stopped || this.inFlight.size >= this.concurrency) return
      const due = await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('merchant_id', '=', merchant_id)
        .where('next_attempt_at', '<=', this.deps.clock.now(merchant_id))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(this.concurrency)
        .execute()
      for (const { id } of due) {
        if (this.inFlight.size >= this.concurrency) return
        if (this.inFlight.has(id)) continue
        this.attempt(id).catch((err: unknown) => this.deps.log.error({ err, delivery: id }, 'webhook delivery failed to run'))
      }
    }
  }

  /** Stops taking work, cuts in-flight POSTs short (their deliveries stay pending) and waits for them. */
  async stop(): Promise<void> {
    this.stopped = true
    this.shutdown.abort()
    await Promise.allSettled([...this.inFlight.values()])
  }

  /** One attempt of a delivery; joins the attempt already running for it, if any. */
  attempt(id: string): Promise<void> {
    const running = this.inFlight.get(id)
    if (running) return running
    const p = this.deliver(id).finally(() => {
      this.inFlight.delete(id)
      this.kick()
    })
    this.inFlight.set(id, p)
    return p
  }

  /**
   * A slot came free: look for more due work now rather than at the next poll, so a backlog drains
   * at `concurrency` deliveries in flight instead of `concurrency` per 500 ms. Only once the poller
   * runs (advance() alone keeps its strict one-at-a-time order) and never twice at once.
   */
  private kick(): void {
    if (!this.polling || this.stopped || this.kicked) return
    this.kicked = true
    setImmediate(() => {
      this.tick()
        .catch((err: unknown) => this.deps.log.error({ err }, 'webhook dispatch failed'))
        .finally(() => {
          this.kicked = false
        })
    })
  }

  private async deliver(id: string): Promise<void> {
    const { store, clock, log } = this.deps
    const d = await deliveryById.first(store.db, { id })
    if (!d || d.status !== 'pending' || this.stopped) return
    // Not due (any more): another process leased it after this one listed it as due. Without this
    // check the claim below would compare against the leased time and succeed: a second POST.
    if (d.next_attempt_at > clock.now(d.merchant_id)) return
    // The endpoint as it is now (URL, chaos); the secret is the delivery's, copied at event time.
    const hook = await webhookStore.findByMerchantIdAndId(store.db, d.merchant_id, d.webhook_id)
    const event = await eventById.first(store.db, { id: d.event_id })
    if (!hook || hook.active !== 1 || !event) {
      const reason = !event ? 'event not found' : !hook ? 'webhook was deleted' : 'webhook is disabled'
      await this.giveUp(d, reason)
      return
    }
    const start = clock.now(d.merchant_id)
    // The claim: lock the row (skipping it if another process is claiming it this instant), check it
    // is still the version read above, and push its due time past the attempt (the lease).
    const claimed = await store.write(async (tx) => {
      const row = await tx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', d.next_attempt_at)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!row) return false
      await tx
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: Math.max(start, d.next_attempt_at) + LEASE_S })
        .where('id', '=', id)
        .execute()
      return true
    })
    if (!claimed) return // another process holds it

    const body = eventEnvelope(event)
    const headers = deliveryHeaders(body, event.id, d.secret)
    const chaos = parseChaos(hook.chaos)
    const attemptNo = d.attempts + 1
    const base = { delivery_id: d.id, merchant_id: d.merchant_id, attempted_at: start, url: hook.url }
    const records: AttemptRecord[] = []
    let main: PostResult
    if (attemptNo <= chaos.drop_first) {
      main = { status_code: null, latency_ms: 0, error: `dropped by chaos (drop_first: ${chaos.drop_first})`, ok: false, aborted: false }
      records.push({ ...base, status_code: null, latency_ms: 0, error: main.error, chaos: 'dropped' })
    } else {
      if (chaos.delay_ms > 0) await sleep(chaos.delay_ms, undefined, { signal: this.shutdown.signal }).catch(() => undefined)
      main = await this.post(hook.url, body, headers)
      if (main.aborted) return this.release(d, start)
      records.push({ ...base, status_code: main.status_code, latency_ms: main.latency_ms, error: main.error, chaos: null })
      if (main.ok && chaos.duplicate) {
        const copy = await this.post(hook.url, body, headers)
        if (!copy.aborted) records.push({ ...base, status_code: copy.status_code, latency_ms: copy.latency_ms, error: copy.error, chaos: 'duplicate' })
      }
    }

    const end = clock.now(d.merchant_id)
    const next = main.ok ? null : nextAttemptAt(end, attemptNo, d.created_at, this.random)
    await store.write(async (tx) => {
      for (const r of records) await insertRow(tx, 'webhook_attempts', r)
      const outcome = { attempts: attemptNo, last_status: main.status_code, last_error: main.error }
      const q = tx.updateTable('webhook_deliveries').where('id', '=', d.id).where('status', '=', 'pending')
      if (main.ok) {
        await q.set({ ...outcome, status: 'delivered', delivered_at: end }).execute()
      } else if (next !== null) {
        await q.set({ ...outcome, next_attempt_at: next }).execute()
      } else {
        await q.set({ ...outcome, status: 'failed' }).execute()
        // Events before the endpoint is disabled still go to it (fanout.ts).
        await fanOut(tx, { merchantId: d.merchant_id })
        const disabled = await webhookStore.disable(tx, hook.id, end)
        if (Number(disabled.numUpdatedRows) === 1)
          log.warn(
            { webhook: hook.id, merchant: hook.merchant_id, alert_email: hook.alert_email, url: hook.url },
            'webhook disabled: deliveries kept failing for 24 hours',
          )
      }
    })
  }

  /** Gives up a delivery without POSTing (its endpoint was deleted or deactivated). */
  private async giveUp(d: WebhookDeliveryRow, reason: string): Promise<void> {
    await this.deps.store.write((tx) =>
      tx
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', last_error: reason })
        .where('id', '=', d.id)
        .where('status', '=', 'pending')
        .execute(),
    )
  }

  /** Shutdown cut the POST short: hand the delivery back, due at its old time, with no attempt counted. */
  private async release(d: WebhookDeliveryRow, start: number): Promise<void> {
    await this.deps.store
      .write((tx) =>
        tx
          .updateTable('webhook_deliveries')
          .set({ next_attempt_at: d.next_attempt_at })
          .where('id', '=', d.id)
          .where('status', '=', 'pending')
          .where('next_attempt_at', '=', Math.max(start, d.next_attempt_at) + LEASE_S)
          .execute(),
      )
      .catch(() => undefined) // the lease runs out on its own
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
    const t0 = performance.now()
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const ms = () => Math.round(performance.now() - t0)
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.any([timeout, this.shutdown.signal]),
      })
      const latency_ms = ms()
      res.body?.cancel().catch(() => undefined)
      const ok = res.status >= 200 && res.status < 300
      return { status_code: res.status, latency_ms, error: null, ok, aborted: false }
    } catch (err) {
      const latency_ms = ms()
      if (this.shutdown.signal.aborted) return { status_code: null, latency_ms, error: 'shutdown', ok: false, aborted: true }
      const error = timeout.aborted ? `timeout: no answer within ${this.timeoutMs} ms` : describe(err)
      return { status_code: null, latency_ms, error, ok: false, aborted: false }
    }
  }
}

/** Creates the dispatcher, registers it with the runner, and stops it when the app closes. */
export function installWebhookDispatcher(app: FastifyInstance, deps: Deps, opts?: DispatcherOptions): WebhookDispatcher {
  const dispatcher = new WebhookDispatcher(deps, opts)
  deps.runner.addSource(dispatcher)
  app.addHook('onClose', () => dispatcher.stop())
  return dispatcher
}
