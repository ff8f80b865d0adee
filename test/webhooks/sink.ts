/**
 * A webhook receiver for tests: an HTTP server on 127.0.0.1 that records every request (raw body,
 * headers) and checks X-Razorpay-Signature with the SDK's own `Razorpay.validateWebhookSignature`.
 * Its answers are scripted: `failNext(n)` answers 500 to the next n requests, `delayMs` holds each
 * answer, `status` is the answer otherwise.
 */
import http from 'node:http'
import Razorpay from 'razorpay'

export interface Received {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  raw: string
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
  /** validateWebhookSignature(raw, header, secret) for the sink's secret; null when there is no header or no secret. */
  signatureValid: boolean | null
  answered: number
}

export interface Sink {
  url: string
  port: number
  received: Received[]
  /** Secret the signature is checked against (can change mid-test). */
  secret: string | null
  status: number
  delayMs: number
  failNext: (n: number, status?: number) => void
  /** Resolves once `n` requests have arrived (or rejects after `timeoutMs`). */
  waitFor: (n: number, timeoutMs?: number) => Promise<Received[]>
  close: () => Promise<void>
}

export async function startSink(opts: { secret?: string | null; port?: number } = {}): Promise<Sink> {
  let failures = 0
  let failStatus = 500
  const waiters: { n: number; resolve: () => void }[] = []
  const sink: Sink = {
    url: '',
    port: 0,
    received: [],
    secret: opts.secret ?? null,
    status: 200,
    delayMs: 0,
    failNext(n, status = 500) {
      failures = n
      failStatus = status
    },
    waitFor(n, timeoutMs = 10_000) {
      if (sink.received.length >= n) return Promise.resolve(sink.received)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`sink got ${sink.received.length} requests, expected ${n}`)), timeoutMs)
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer)
            resolve(sink.received)
          },
        })
      })
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let body: unknown = raw
      try {
        body = JSON.parse(raw)
      } catch {
        /* not JSON */
      }
      const sig = req.headers['x-razorpay-signature']
      const answered = failures > 0 ? (failures--, failStatus) : sink.status
      sink.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw,
        body,
        signatureValid: typeof sig === 'string' && sink.secret ? Razorpay.validateWebhookSignature(raw, sig, sink.secret) : null,
        answered,
      })
      for (const w of waiters.splice(0)) {
        if (sink.received.length >= w.n) w.resolve()
        else waiters.push(w)
      }
      const reply = () => {
        if (res.destroyed) return
        res.writeHead(answered, { 'content-type': 'text/plain' })
        res.end(answered < 300 ? 'ok' : 'nope')
      }
      if (sink.delayMs > 0) setTimeout(reply, sink.delayMs).unref()
      else reply()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const addr = server.address()
  sink.port = typeof addr === 'object' && addr ? addr.port : 0
  sink.url = `http://127.0.0.1:${sink.port}/hook`
  return sink
}
