/**
 * buildApp(deps) returns the HTTP app without listening, so tests can inject requests and the CLI
 * can listen. Everything HTTP-specific is wired here; domain routes come from each src/domain/<resource>/routes.ts.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { Clock } from './clock/clock.js'
import { Authenticator } from './http/auth.js'
import { installBodyParsers } from './http/body.js'
import { parseQuery } from './http/brackets.js'
import type { Deps } from './http/context.js'
import { BODY_LIMIT, installErrorHandling } from './http/error-handler.js'
import { InFlight } from './http/idempotency.js'
import { mountRoutes } from './http/route.js'
import type { Store } from './store/store.js'
import { orderRoutes } from './domain/orders/routes.js'
import { paymentRoutes } from './domain/payments/routes.js'
import { registerBankPage } from './domain/payments/bank-page-routes.js'
import { refundRoutes } from './domain/refunds/routes.js'

export interface AppOptions {
  store: Store
  clock: Clock
  log: Logger
}

export function buildApp(opts: AppOptions): { app: FastifyInstance; deps: Deps } {
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, querystringParser: parseQuery },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    return503OnClosing: true,
    forceCloseConnections: false,
  })
  const deps: Deps = {
    store: opts.store,
    clock: opts.clock,
    log: opts.log,
    auth: new Authenticator(opts.store),
    inFlight: new InFlight(),
  }
  app.decorateRequest('merchant', null)
  installBodyParsers(app)
  installErrorHandling(app)

  app.get('/health', async () => ({ status: 'ok' }))
  mountRoutes(app, deps, [...orderRoutes, ...paymentRoutes, ...refundRoutes])
  registerBankPage(app, deps)
  return { app, deps }
}
