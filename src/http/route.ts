/**
 * The one route wrapper. A route is data: method, url, schemas, and a handler that calls a service
 * and returns the wire object. The wrapper does authentication (Basic key pair → merchant),
 * validation (TypeBox schema, compiled by ajv; failures become Razorpay errors in error-handler.ts)
 * and serialisation. Handlers never see an unauthenticated request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import type { Deps, Merchant } from './context.js'
import { actAs } from '../domain/accounts/acting.js'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RouteInput<B extends TSchema | undefined, Q extends TSchema | undefined> {
  merchant: Merchant
  body: B extends TSchema ? Static<B> : Record<string, unknown>
  query: Q extends TSchema ? Static<Q> : Record<string, unknown>
  params: Record<string, string>
  headers: FastifyRequest['headers']
  /** scheme://host of this request, for URLs the response hands back (next[].url). */
  origin: string
  deps: Deps
}

export interface RouteSpec<B extends TSchema | undefined, Q extends TSchema | undefined> {
  method: Method
  url: string
  body?: B
  query?: Q
  /** HTTP status on success (Razorpay answers 200 for creates too). */
  status?: number
  handler: (input: RouteInput<B, Q>) => Promise<unknown>
}

declare module 'fastify' {
  interface FastifyRequest {
    merchant: Merchant | null
  }
}

/** A handler's answer already rendered as JSON (the same bytes as JSON.stringify of the wire object): sent as it is. */
export class RenderedJson {
  constructor(readonly json: string) {}
}

export function defineRoute<B extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined>(
  spec: RouteSpec<B, Q>,
): RouteSpec<B, Q> {
  return spec
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any>

export function mountRoutes(app: FastifyInstance, deps: Deps, routes: AnyRoute[]): void {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      schema: { ...(r.body ? { body: r.body } : {}), ...(r.query ? { querystring: r.query } : {}) },
      // A callback hook, not an async one: with a header verified before, authentication is
      // synchronous and the request goes on without a promise or a microtask turn.
      onRequest: (req, _reply, done) => {
        const merchant = deps.auth.authenticate(req.headers.authorization)
        const account = req.headers['x-razorpay-account']
        if (!(merchant instanceof Promise) && account === undefined) {
          req.merchant = merchant
          return done()
        }
        void (async () => {
          req.merchant = await merchant
          // X-Razorpay-Account: act as one of this merchant's Route linked accounts, which may only read
          // its own transfers, payments and settlements (the rules live in domain/accounts/acting.ts).
          if (account !== undefined) req.merchant = await actAs(deps, req.merchant, account, { method: r.method, url: r.url })
        })().then(() => done(), done)
      },
      handler: async (req, reply) => {
        const result = await r.handler({
          merchant: req.merchant as Merchant,
          body: (req.body ?? {}) as never,
          query: (req.query ?? {}) as never,
          params: req.params as Record<string, string>,
          headers: req.headers,
          origin: `${req.protocol}://${req.host}`,
          deps,
        })
        reply.code(r.status ?? 200)
        if (result instanceof RenderedJson) {
          // Fastify sends a string as it is once the type is set (the type it gives objects).
          reply.type('application/json; charset=utf-8')
          return result.json
        }
        return result
      },
    })
  }
}
