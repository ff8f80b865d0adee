/**
 * WAL checkpoints, outside the commits. With wal_autocheckpoint on, SQLite runs a checkpoint inside
 * whichever commit crosses its threshold (1,000 pages): every request of that group waits for a
 * 4 MiB copy and an fsync (the 10–20 ms p99 spikes in performance.md A.2). Instead, the request
 * connection runs with wal_autocheckpoint = 0 and one of these runs small PASSIVE checkpoints every
 * 50 ms (PASSIVE never waits for the writer and never blocks it):
 *
 *  - `inline` (the default): on the request connection itself, between event-loop turns, never
 *    inside an open transaction. A checkpoint of 50 ms of writes copies a few dozen pages and
 *    fsyncs the database file: ~1.2 ms (p99 ~3 ms) measured here, about what one group commit's
 *    fsync already blocks the loop for. It costs no memory, and because it runs on the writer
 *    between transactions the WAL restarts from its beginning and stays small (under 2 MiB under
 *    sustained writes, where the worker's WAL grew to 39 MiB in 20 s). The price is the tail:
 *    p99 / p50 ~2.5–2.8 instead of ~2.2 (issue 2's limit is 3).
 *  - `worker`: on a second connection in a worker thread, so the copy and the fsync never block
 *    the event loop. The worker is a second V8 isolate: ~10 MiB more RSS (measured: 111 → 121 MiB
 *    idle). Worth it where an fsync is slow (a disk without a write cache).
 *
 * BENCHMARKS.md has the A/B of the two.
 */
import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'

export type CheckpointMode = 'inline' | 'worker'

export const CHECKPOINT_MODES: readonly CheckpointMode[] = ['inline', 'worker']

const INTERVAL_MS = 50

export interface Checkpointer {
  /** Stops the timer and runs a last checkpoint. */
  stop(): Promise<void>
}

/** Checkpoints on the request connection, skipped while a (group commit) transaction is open. */
export function inlineCheckpointer(raw: BetterSqlite3.Database, endRead: () => void = () => {}, intervalMs = INTERVAL_MS): Checkpointer {
  const checkpoint = raw.prepare('PRAGMA wal_checkpoint(PASSIVE)')
  const run = () => {
    // A read transaction of this turn (turn-read.ts) would pin the WAL; it can end at any point.
    endRead()
    // A checkpoint cannot run inside a transaction; the next tick comes 50 ms later.
    if (raw.inTransaction || !raw.open) return
    try {
      checkpoint.run()
    } catch {
      // SQLITE_BUSY from another process's connection (a CLI command): the next tick retries.
    }
  }
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      run()
    },
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
}, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer)
    try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
    db.close()
    parentPort.postMessage('stopped')
  }
})
`

/** Checkpoints on a connection of its own in a worker thread. */
export function workerCheckpointer(file: string, driverPath: string, intervalMs = INTERVAL_MS): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, intervalMs } })
  worker.unref()
  return {
    async stop() {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 2000)
        worker.once('message', () => {
          clearTimeout(t)
          resolve()
        })
        worker.once('exit', () => {
          clearTimeout(t)
          resolve()
        })
        worker.postMessage('stop')
      })
      await worker.terminate()
    },
  }
}
