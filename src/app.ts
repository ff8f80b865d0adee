/**
 * buildApp(deps) returns the HTTP app without listening, so tests can inject requests and the CLI
 * can listen. Everything HTTP-specific is wired here; domain routes come from each src/domain/<resource>/routes.ts.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { MerchantClock } from './clock/merchant-clock.js'
import { JobRegistry } from './jobs/registry.js'
import { JobRunner } from './jobs/runner.js'
import { Authenticator } from './http/auth.js'
import { installBodyParsers } from './http/body.js'
import { parseQuery } from './http/brackets.js'
import type { Deps } from './http/context.js'
import { BODY_LIMIT, clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './http/error-handler.js'
import { FinishedKeys, InFlight } from './http/idempotency.js'
import { mountRoutes } from './http/route.js'
import type { Store } from './store/store.js'
import { orderRoutes } from './domain/orders/routes.js'
import { paymentRoutes } from './domain/payments/routes.js'
import { registerBankPage } from './domain/payments/bank-page-routes.js'
import { refundRoutes } from './domain/refunds/routes.js'
import { registerCheckout } from './checkout/routes.js'
import { clockRoutes } from './sandbox/clock-routes.js'
import { razorpayxRoutes, registerRazorpayxJobs } from './domain/banking/razorpayx.js'
import { balanceRoutes } from './sandbox/balance-routes.js'
import { webhookSandboxRoutes } from './sandbox/webhook-routes.js'
import { webhookRoutes } from './domain/webhooks/routes.js'
import { installWebhookDispatcher } from './webhooks/dispatcher.js'
import { registerSettlementJobs, settlementRoutes } from './domain/settlements/routes.js'
import { registerAutoRefundJobs } from './domain/refunds/auto-refund.js'
import { settlementSandboxRoutes } from './sandbox/settlement-routes.js'
// Route (issue 4): linked accounts and transfers.
import { accountRoutes, accountSandboxRoutes } from './domain/accounts/routes.js'
import { registerTransferJobs, transferRoutes } from './domain/transfers/routes.js'
// Customers, tokens and recurring payments, invoices (issue 5).
import { recurringRoutes, recurringSandboxRoutes, registerRecurring, registerRecurringPages } from './domain/tokens/recurring.js'

export interface AppOptions {
  store: Store
  log: Logger
  /** Real time in unix seconds (tests may pin it); merchants' clocks add their offsets to it. */
  realNow?: () => number
  /** Serve the /_sandbox control API (default true). */
  sandbox?: boolean
}

export function buildApp(opts: AppOptions): { app: FastifyInstance; deps: Deps } {
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, querystringParser: parseQuery },
    // coerceTypes: form bodies and query strings carry strings ("5000"); not 'array', which would
    // also accept amount: [5000].
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: true } },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    return503OnClosing: true,
    forceCloseConnections: false,
  })
  const clock = new MerchantClock(opts.store, opts.realNow)
  const jobs = new JobRegistry()
  const deps = {
    store: opts.store,
    clock,
    log: opts.log,
    auth: new Authenticator(opts.store, Date.now, (merchantId) => clock.sync(merchantId)),
    inFlight: new InFlight(),
    finishedKeys: new FinishedKeys(),
    jobs,
    sandbox: opts.sandbox ?? true,
  } as Deps
  deps.runner = new JobRunner(deps, clock, jobs)
  registerRazorpayxJobs(jobs)
  registerSettlementJobs(jobs)
  registerAutoRefundJobs(jobs)
  registerTransferJobs(jobs)
  registerRecurring(jobs) // payment hooks (tokens, invoices), jobs, the fund accounts' customer check
  installWebhookDispatcher(app, deps)
  // PostgreSQL: hear other processes' clock moves (docs/postgres.md); SQLite: just load the offsets.
  app.addHook('onReady', () => (opts.store.listen ? clock.watch() : clock.refresh()))
  app.addHook('onClose', () => clock.unwatchAll())
  app.decorateRequest('merchant', null)
  installBodyParsers(app)
  installErrorHandling(app, { sandbox: deps.sandbox })

  app.get('/health', async () => ({ status: 'ok' }))
  mountRoutes(app, deps, [...orderRoutes, ...paymentRoutes, ...refundRoutes, ...webhookRoutes, ...razorpayxRoutes, ...settlementRoutes, ...accountRoutes, ...transferRoutes])
  registerBankPage(app, deps)
  mountRoutes(app, deps, recurringRoutes)
  registerRecurringPages(app, deps) // GET /i/:id (invoice short URLs), NACH forms and uploads
  registerCheckout(app, deps)
  if (deps.sandbox) mountRoutes(app, deps, recurringSandboxRoutes)
  if (deps.sandbox) mountRoutes(app, deps, [...clockRoutes, ...webhookSandboxRoutes, ...balanceRoutes, ...settlementSandboxRoutes, ...accountSandboxRoutes])
  return { app, deps }
}
