/**
 * What the job runner's advance() must do besides what was already due when it began: the events
 * and jobs its own jobs create. Requests that keep coming meanwhile create more, due at the clock's
 * moving position; chasing those kept an advance under steady traffic from ever returning (a load
 * audit saw 77 s for one that takes 0.3 s alone). runner.ts registers a set for the transaction of
 * each job it runs; recordEvent and scheduleJob add what they create to it.
 *
 * Keyed by the transaction object. On SQLite a group commit's writes share one, but they run one
 * after another, so while a job's write runs nothing else records into it.
 */
export interface OwnWork {
  events: Set<string>
  jobs: Set<string>
}

export const ownWork = new WeakMap<object, OwnWork>()
