/**
 * WAL checkpoints off the event loop. With wal_autocheckpoint on, SQLite runs checkpoints inside
 * whichever commit crosses the threshold, which stalls every request in that group (the 10-20 ms
 * p99 spikes in performance.md A.2). A worker thread with its own connection runs PASSIVE
 * checkpoints instead; PASSIVE never blocks the writer.
 */
import { Worker } from 'node:worker_threads'

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

export class Checkpointer {
  private worker: Worker

  constructor(file: string, driverPath: string, intervalMs = 50) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, intervalMs } })
    this.worker.unref()
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 2000)
      this.worker.once('message', () => {
        clearTimeout(t)
        resolve()
      })
      this.worker.once('exit', () => {
        clearTimeout(t)
        resolve()
      })
      this.worker.postMessage('stop')
    })
    await this.worker.terminate()
  }
}
