/**
 * The exactly-once crash routine shared by the payout and transfer crash tests: `clients` loops each
 * send every new idempotency key twice at once, the server is SIGKILLed mid-load (once enough keys
 * are acknowledged, or at the cap), restarted on the same database, and every key ever sent is
 * retried. Asserted here: the load really ran, only 200s and 409s came back, no key was ever answered
 * with two different ids, and after the restart every key answers 200 with the id it was
 * acknowledged with and a distinct one per key. The caller checks the database.
 */
import http from 'node:http'
import { expect } from 'vitest'
import type { ChildServer } from './child-server.js'
import { eachConcurrently } from './concurrently.js'

type Body = Record<string, unknown>
type Send = (agent: http.Agent, body: Body, key: string) => Promise<{ status: number; body: any }> // eslint-disable-line @typescript-eslint/no-explicit-any

export interface KeyedCrashRun {
  /** Every key sent, in order. */
  keys: string[]
  /** key → the id answered before the kill. */
  acked: Map<string, string>
  /** key → the id the retry after the restart answered. */
  byKey: Map<string, string>
  /** The restarted server (the caller stops it). */
  second: ChildServer
}

export async function loadKillRetry(opts: {
  first: ChildServer
  restart: () => Promise<ChildServer>
  agent: http.Agent
  send: Send
  bodyFor: (client: number, i: number) => Body
  clients: number
  loadMs: number
  maxLoadMs: number
}): Promise<KeyedCrashRun> {
  const { send, clients } = opts
  const sent = new Map<string, Body>()
  const acked = new Map<string, string>()
  const other: Record<string, number> = {}
  let stop = false
  const client = async (c: number) => {
    for (let i = 0; !stop; i++) {
      const key = `crash-${c}-${i}`
      const body = opts.bodyFor(c, i)
      sent.set(key, body)
      try {
        // The same key twice at once: one effect, the other answer a replay or a 409.
        for (const r of await Promise.all([send(opts.agent, body, key), send(opts.agent, body, key)])) {
          if (r.status === 200) {
            const before = acked.get(key)
            if (before !== undefined) expect(r.body.id).toBe(before)
            acked.set(key, r.body.id)
          } else other[r.status] = (other[r.status] ?? 0) + 1
        }
      } catch {
        if (stop) return
        await new Promise((r) => setTimeout(r, 5))
      }
    }
  }
  const load = Promise.all(Array.from({ length: clients }, (_, c) => client(c)))
  // Kill mid-load: once enough keys are acknowledged (a loaded machine is slower), or at the cap.
  const started = Date.now()
  while (Date.now() - started < opts.maxLoadMs && (Date.now() - started < opts.loadMs || acked.size < 60)) await new Promise((r) => setTimeout(r, 50))
  opts.first.proc.kill('SIGKILL')
  expect(await opts.first.exited).toEqual({ code: null, signal: 'SIGKILL' })
  stop = true
  await load
  opts.agent.destroy()
  expect(acked.size).toBeGreaterThan(10) // the load really ran
  expect(Object.keys(other).filter((s) => s !== '409')).toEqual([])

  const second = await opts.restart()
  const retryAgent = new http.Agent({ keepAlive: true, maxSockets: clients })
  const keys = [...sent.keys()]
  const byKey = new Map<string, string>()
  const problems: string[] = []
  await eachConcurrently(keys, clients, async (key) => {
    const r = await send(retryAgent, sent.get(key) as Body, key)
    if (r.status !== 200) problems.push(`${key}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)
    else {
      byKey.set(key, r.body.id)
      const before = acked.get(key)
      if (before !== undefined && before !== r.body.id) problems.push(`${key}: acknowledged ${before}, retry answered ${r.body.id}`)
    }
  })
  retryAgent.destroy()
  expect(problems.slice(0, 5)).toEqual([])
  expect(new Set(byKey.values()).size).toBe(keys.length)
  return { keys, acked, byKey, second }
}
