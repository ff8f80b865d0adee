/**
 * Job kinds and their handlers. A handler runs inside the job's transaction: its effects and the
 * job's `done` mark commit together, so a job runs at most once even across crashes and processes.
 * `now` is the job's own due time (or later), so entities it creates carry the scheduled time.
 */
import type { Deps } from '../http/context.js'
import type { Db, JobRow } from '../store/schema.js'

export type JobHandler = (tx: Db, job: JobRow, ctx: { deps: Deps; now: number }) => Promise<void>

export class JobRegistry {
  private handlers = new Map<string, JobHandler>()

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`)
    this.handlers.set(kind, handler)
  }

  get(kind: string): JobHandler | undefined {
    return this.handlers.get(kind)
  }
}
