/**
 * Runs scheduled work when it falls due on the merchant's clock: a poller on real time, and
 * `advance()` for POST /_sandbox/clock, which moves one merchant's clock forward and runs, in
 * order of due time, every job and webhook delivery that falls due on the way — each at its own due
 * time — so a test that advances the clock can assert the outcome on the next line.
 *
 * Work for one merchant is serialized by a per-merchant lock (advance and poller never interleave).
 * Across processes on one PostgreSQL database, a job is claimed by locking its row: the poller
 * takes it with FOR UPDATE SKIP LOCKED (a job another process is running is left to it), advance()
 * with a plain FOR UPDATE (it waits for that run to commit, so its outcome is visible when the
 * clock call answers). The claim and the job's effects commit together: each job runs once.
 */
import type { MerchantClock } from '../clock/merchant-clock.js'
import type { Deps } from '../http/context.js'
import type { JobRow } from '../store/schema.js'
import type { JobRegistry } from './registry.js'
import { maxIdBodySoFar } from '../shared/ids.js'
import { forgetPending } from './pending-jobs.js'
import { ownWork, type OwnWork } from './own-work.js'

/** Another kind of due work (webhook deliveries) that advance() must interleave with jobs. */
export interface WorkSource {
  /**
   * The earliest due item for this merchant at or before `upTo`, or null; with `ofEvent`, only
   * items of events it accepts (advance(): see drain()).
   */
  nextDue(merchantId: string, upTo: number, ofEvent?: (eventId: string) => boolean): Promise<{ at: number; run: () => Promise<void> } | null>
  /** Merchants that have work due by real time (poller). */
  tick?(): Promise<void>
}

const MAX_ATTEMPTS = 3
const RETRY_AFTER_S = 60
const MAX_STEPS = 100_000

export class JobRunner {
  private locks = new Map<string, Promise<unknown>>()
  private timer: NodeJS.Timeout | null = null
  private ticking: Promise<void> | null = null
  private sources: WorkSource[] = []

  constructor(
    private readonly deps: Deps,
    private readonly clock: MerchantClock,
    private readonly registry: JobRegistry,
  ) {}

  addSource(s: WorkSource): void {
    this.sources.push(s)
  }

  /** Serializes `fn` with every other piece of work for this merchant. */
  withMerchant<T>(merchantId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(merchantId) ?? Promise.resolve()
    const next = prev.then(fn, fn)
    const settled = next.catch(() => undefined)
    this.locks.set(merchantId, settled)
    void settled.then(() => {
      if (this.locks.get(merchantId) === settled) this.locks.delete(merchantId)
    })
    return next
  }

  /** The next due job; with `only`, one created by then (ids are time-ordered) or among `only.ids`. */
  private async nextJob(merchantId: string, upTo: number, only?: { createdBy: string; ids: Set<string> }): Promise<JobRow | undefined> {
    let q = this.deps.store.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'pending')
      .where('merchant_id', '=', merchantId)
      .where('run_at', '<=', upTo)
    if (only) q = q.where((eb) => eb.or([eb('id', '<=', only.createdBy), ...(only.ids.size > 0 ? [eb('id', 'in', [...only.ids])] : [])]))
    return q.orderBy('run_at').orderBy('id').limit(1).executeTakeFirst()
  }

  /**
   * Runs one job in its own transaction; a failing job is retried later, then marked failed.
   * Returns false when the job was left alone: already done, or (with `skipLocked`) being run by
   * another process right now.
   */
  async runJob(job: JobRow, opts: { skipLocked?: boolean; own?: OwnWork } = {}): Promise<boolean> {
    const handler = this.registry.get(job.kind)
    const now = Math.max(this.clock.now(job.merchant_id), job.run_at)
    try {
      return await this.deps.store.write(async (tx) => {
        const lock = tx.selectFrom('jobs').select('id').where('id', '=', job.id).where('status', '=', 'pending').forUpdate()
        if (!(await (opts.skipLocked ? lock.skipLocked() : lock).executeTakeFirst())) return false
        await tx.updateTable('jobs').set({ status: 'done', finished_at: now, attempts: job.attempts + 1 }).where('id', '=', job.id).execute()
        forgetPending(tx, job.merchant_id, job.kind) // it is no longer pending (pending-jobs.ts)
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`)
        if (opts.own) ownWork.set(tx, opts.own)
        try {
          await handler(tx, job, { deps: this.deps, now })
        } finally {
          ownWork.delete(tx)
        }
        return true
      })
    } catch (err) {
      const attempts = job.attempts + 1
      this.deps.log.error({ err, job: job.id, kind: job.kind }, 'job failed')
      await this.deps.store.write((tx) =>
        tx
          .updateTable('jobs')
          .set({
            attempts,
            last_error: err instanceof Error ? err.message : String(err),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            run_at: job.run_at + RETRY_AFTER_S,
            finished_at: attempts >= MAX_ATTEMPTS ? now : null,
          })
          .where('id', '=', job.id)
          .where('status', '=', 'pending')
          .execute(),
      )
      return true
    }
  }

  /**
   * Runs everything due for this merchant up to `upTo`, in due order (caller holds the lock).
   *
   * advance() (moveClock) also delivers webhooks on the way. It runs the jobs and delivers the
   * events that existed when it began, and those its own jobs create (own-work.ts); what requests
   * create meanwhile is left to the poller, which runs it once the advance is done.
   */
  private async drain(merchantId: string, upTo: number, moveClock: boolean): Promise<void> {
    const own: OwnWork = { events: new Set(), jobs: new Set() }
    const began = maxIdBodySoFar()
    const ofEvent = (eventId: string) => eventId <= `evt_${began}` || own.events.has(eventId)
    const onlyJobs = moveClock ? { createdBy: `job_${began}`, ids: own.jobs } : undefined
    for (let step = 0; step < MAX_STEPS; step++) {
      const job = await this.nextJob(merchantId, upTo, onlyJobs)
      // The poller skips a job another process holds (and stops here: the rest is that process's
      // to run in order); advance() waits for it.
      let skipped = false
      const runIt = async (j: JobRow) => {
        skipped = !(await this.runJob(j, moveClock ? { own } : { skipLocked: true })) && !moveClock
      }
      let best: { at: number; run: () => Promise<void> } | null = job ? { at: job.run_at, run: () => runIt(job) } : null
      // The poller delivers webhooks concurrently through tick(); only advance() interleaves them.
      for (const s of moveClock ? this.sources : []) {
        const item = await s.nextDue(merchantId, upTo, ofEvent)
        if (item && (!best || item.at < best.at)) best = item
      }
      if (!best) return
      if (moveClock && best.at > this.clock.now(merchantId)) {
        const at = best.at
        await this.deps.store.write((tx) => this.clock.moveTo(tx, merchantId, at))
      }
      await best.run()
      if (skipped) return
    }
    throw new Error(`more than ${MAX_STEPS} scheduled items fell due at once for ${merchantId}`)
  }

  /** POST /_sandbox/clock: advance and run what falls due, in order. Returns the new now. */
  advance(merchantId: string, seconds: number): Promise<number> {
    return this.withMerchant(merchantId, async () => {
      const target = this.clock.now(merchantId) + seconds
      await this.drain(merchantId, target, true)
      await this.deps.store.write((tx) => this.clock.moveTo(tx, merchantId, target))
      return this.clock.now(merchantId)
    })
  }

  /** Runs what is due now for one merchant (the poller, and after restarts). */
  runDue(merchantId: string): Promise<void> {
    return this.withMerchant(merchantId, () => this.drain(merchantId, this.clock.now(merchantId), false))
  }

  private async tick(): Promise<void> {
    await this.clock.refresh()
    const merchants = await this.deps.store.db
      .selectFrom('jobs')
      .select('merchant_id')
      .distinct()
      .where('status', '=', 'pending')
      .execute()
    // A merchant whose work is running (an advance can take a while: webhook attempts wait up to
    // 5 s each) is skipped, not waited for: waiting held up every other merchant's due work.
    for (const { merchant_id } of merchants) if (!this.locks.has(merchant_id)) await this.runDue(merchant_id)
    for (const s of this.sources) await s.tick?.()
  }

  start(intervalMs = 500): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      if (this.ticking) return
      this.ticking = this.tick()
        .catch((err: unknown) => this.deps.log.error({ err }, 'scheduler tick failed'))
        .finally(() => {
          this.ticking = null
        })
    }, intervalMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.ticking
    await Promise.all([...this.locks.values()])
  }
}
