/**
 * Test harness: a real Tijori server on a random loopback port with its own fresh store (a temp
 * SQLite file, or a fresh PostgreSQL schema in the `postgres` project: test/support/test-db.ts),
 * and the official `razorpay` SDK pointed at it (base URL = origin only; the SDK adds /v1).
 */
import Razorpay from 'razorpay'
import pino from 'pino'
import { buildApp } from '../../src/app.js'
import { createMerchant } from '../../src/domain/merchants/service.js'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import type { FastifyInstance } from 'fastify'
import type { Deps } from '../../src/http/context.js'
import { freshTestDb } from './test-db.js'
import { startSink, type Sink } from '../webhooks/sink.js'

export interface TestMerchant {
  id: string
  keyId: string
  keySecret: string
  rzp: Razorpay
  /** Raw HTTP with this merchant's Basic auth. */
  http: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawResponse>
}

export interface RawResponse {
  status: number
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string
  headers: Headers
}

export interface TestServer {
  url: string
  deps: Deps
  store: Store
  app: FastifyInstance
  /** TIJORI_DB of this server's store (file path or postgres:// URL), for CLI commands against it. */
  db: string
  merchant: TestMerchant
  newMerchant: () => Promise<TestMerchant>
  raw: (method: string, path: string, init?: { body?: string; headers?: Record<string, string> }) => Promise<RawResponse>
  close: () => Promise<void>
}

export function sdkFor(url: string, keyId: string, keySecret: string): Razorpay {
  const rzp = new Razorpay({ key_id: keyId, key_secret: keySecret })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = (rzp as any).api
  api.rq.defaults.baseURL = url
  api.rq.defaults.proxy = false
  return rzp
}

async function raw(url: string, method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const res = await fetch(url + path, { method, body: init.body, headers: init.headers })
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text, headers: res.headers }
}

/**
 * `subscribeAll`: every merchant of this server (its first and each newMerchant()) gets an active
 * webhook subscribed to all events, delivering to a sink that answers 200. Tests that read the
 * outbox need it: an event no webhook subscribes to is not written (src/webhooks/subscriptions.ts).
 */
export async function startTestServer(opts: { realNow?: () => number; sandbox?: boolean; subscribeAll?: boolean } = {}): Promise<TestServer> {
  const testDb = await freshTestDb()
  const store = await openStore(testDb.location)
  const { app, deps } = buildApp({ store, log: pino({ level: 'silent' }), realNow: opts.realNow, sandbox: opts.sandbox })
  const clock = deps.clock
  await app.listen({ host: '127.0.0.1', port: 0 })
  const addr = app.server.address()
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  const sink: Sink | null = opts.subscribeAll ? await startSink({ secret: null }) : null

  const newMerchant = async (): Promise<TestMerchant> => {
    const { merchant, key } = await createMerchant(store, clock, { name: 'Test' })
    const auth = 'Basic ' + Buffer.from(`${key.keyId}:${key.keySecret}`).toString('base64')
    const m: TestMerchant = {
      id: merchant.id,
      keyId: key.keyId,
      keySecret: key.keySecret,
      rzp: sdkFor(url, key.keyId, key.keySecret),
      http: (method, path, body, headers = {}) =>
        raw(url, method, path, {
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
          headers: {
            authorization: auth,
            ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
        }),
    }
    // Through the official SDK, as a merchant subscribes.
    if (sink) await m.rzp.webhooks.create({ url: sink.url, events: ['*'] })
    return m
  }
  const merchant = await newMerchant()
  return {
    url,
    deps,
    store,
    app,
    db: testDb.location,
    merchant,
    newMerchant,
    raw: (method, path, init) => raw(url, method, path, init),
    close: async () => {
      await app.close()
      await sink?.close()
      await store.close()
      await testDb.drop()
    },
  }
}

/** The SDK rejects with a plain {statusCode, error} object; this returns it (or fails the test). */
export async function sdkError(p: Promise<unknown>): Promise<{ statusCode: number; error: Record<string, unknown> }> {
  try {
    await p
  } catch (e) {
    return e as { statusCode: number; error: Record<string, unknown> }
  }
  throw new Error('expected the SDK call to fail')
}
