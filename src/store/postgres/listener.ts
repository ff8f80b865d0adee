/**
 * LISTEN on one channel over a dedicated connection (not a pooled one: a pooled client may be
 * handed to a transaction, and notifications only reach the session that listens). If the
 * connection drops, `down()` runs at once and the listener reconnects with backoff, calling `up()`
 * once it listens again — callers treat the time in between as "may have missed messages".
 */
import pg from 'pg'
import { poolConfig } from './pool.js'

export interface ListenHandlers {
  message: (payload: string) => void
  up: () => void
  down: () => void
}

export async function listen(url: string, channel: string, on: ListenHandlers): Promise<() => Promise<void>> {
  const { max: _max, idleTimeoutMillis: _idle, ...config } = poolConfig(url)
  let client: pg.Client | null = null
  let stopped = false
  let retry: NodeJS.Timeout | null = null

  const connect = async (): Promise<void> => {
    const c = new pg.Client(config)
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) on.message(n.payload)
    })
    const lost = () => {
      if (client !== c) return
      client = null
      on.down()
      c.end().catch(() => undefined)
      if (!stopped) retry = setTimeout(() => void reconnect(1), 1000)
    }
    c.on('error', lost)
    c.on('end', lost)
    await c.connect()
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    client = c
    on.up()
  }
  const reconnect = async (attempt: number): Promise<void> => {
    if (stopped) return
    try {
      await connect()
    } catch {
      if (!stopped) retry = setTimeout(() => void reconnect(attempt + 1), Math.min(1000 * attempt, 10_000))
    }
  }

  await connect()
  return async () => {
    stopped = true
    if (retry) clearTimeout(retry)
    const c = client
    client = null
    await c?.end().catch(() => undefined)
  }
}
