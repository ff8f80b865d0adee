/**
 * `tijori listen --forward-to http://localhost:3000/hook`: receive a running server's webhooks on
 * this machine. It starts a local receiver, registers a temporary webhook (POST /v1/webhooks with
 * the merchant's key pair) pointing at it, forwards each delivery — same body, same signature and
 * event-id headers — to --forward-to, answers Tijori with the handler's status (so a failing
 * handler sees Tijori's retries), prints one line per delivery, and deletes its webhook on close.
 */
import http from 'node:http'
import { randomToken } from '../shared/ids.js'
import { ALL_EVENTS } from '../webhooks/events.js'
import { reach } from './server.js'

export interface ListenOptions {
  /** Where each delivery is forwarded. */
  forwardTo: string
  /** The Tijori server (origin). */
  serverUrl: string
  keyId: string
  keySecret: string
  /** Event names to subscribe to (default: all). */
  events?: string[]
  /** Webhook secret (default: a random one, printed) — the handler verifies signatures with it. */
  secret?: string
  /** Receiver address (default 127.0.0.1, any free port). */
  host?: string
  port?: number
  out?: (line: string) => void
}

export interface Listening {
  webhookId: string
  secret: string
  /** The receiver's URL, registered as the webhook's url. */
  receiverUrl: string
  /** Deletes the webhook and stops the receiver. */
  close: () => Promise<void>
}

const FORWARDED = ['content-type', 'user-agent', 'x-razorpay-signature', 'x-razorpay-event-id']
const FORWARD_TIMEOUT_MS = 4500 // under Tijori's 5 s, so a slow handler is reported here, not as a timeout there

async function api(o: ListenOptions, method: string, path: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await reach(new URL(path, o.serverUrl), {
    method,
    headers: {
      authorization: 'Basic ' + Buffer.from(`${o.keyId}:${o.keySecret}`).toString('base64'),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const description = (parsed as { error?: { description?: string } })?.error?.description ?? text
    throw new Error(`${method} ${path} → ${res.status}: ${description}`)
  }
  return parsed
}

export async function listen(o: ListenOptions): Promise<Listening> {
  const out = o.out ?? ((line: string) => console.log(line))
  const secret = o.secret ?? `whsec_${randomToken(24)}`
  new URL(o.forwardTo) // fail early on a bad --forward-to

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        const headers: Record<string, string> = {}
        for (const h of FORWARDED) {
          const v = req.headers[h]
          if (typeof v === 'string') headers[h] = v
        }
        let event = '?'
        try {
          event = (JSON.parse(body.toString('utf8')) as { event?: string }).event ?? '?'
        } catch {
          /* not JSON */
        }
        const id = headers['x-razorpay-event-id'] ?? '?'
        const t0 = Date.now()
        let status: number
        let result: string
        try {
          const r = await fetch(o.forwardTo, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) })
          await r.arrayBuffer().catch(() => undefined)
          status = r.status
          result = String(r.status)
        } catch (err) {
          status = 502
          const e = err as { name?: string; cause?: { code?: string }; message?: string }
          result = e.name === 'TimeoutError' ? 'timeout' : `error ${e.cause?.code ?? e.message ?? String(err)}`
        }
        out(`${new Date().toISOString()}  ${event.padEnd(20)}  ${id}  → ${result} (${Date.now() - t0} ms)`)
        res.writeHead(status, { 'content-type': 'text/plain' })
        res.end()
      })()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve())
  })
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  const host = o.host ?? '127.0.0.1'
  const receiverUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`

  let webhookId: string
  try {
    const hook = await api(o, 'POST', '/v1/webhooks', { url: receiverUrl, secret, events: o.events?.length ? o.events : [ALL_EVENTS] })
    webhookId = hook.id as string
  } catch (err) {
    server.close()
    throw err
  }
  out(`Forwarding webhooks to ${o.forwardTo} (webhook ${webhookId} → ${receiverUrl}). Signing secret: ${secret}`)
  out('Press Ctrl-C to stop.')

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      try {
        await api(o, 'DELETE', `/v1/webhooks/${webhookId}`)
      } finally {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      }
    })())
  return { webhookId, secret, receiverUrl, close }
}
