/**
 * Wiring of issue 5 (customers, tokens, recurring payments, invoices) into the app, called once
 * from app.ts: the payment hooks (authorisation payments make tokens; payments on an invoice's
 * order pay the invoice), the jobs on the merchant's clock, the customer check of customer fund
 * accounts, and the routes.
 */
import type { FastifyInstance } from 'fastify'
import type { Deps } from '../../http/context.js'
import type { JobRegistry } from '../../jobs/registry.js'
import { cardRoutes } from '../cards/routes.js'
import { customerRoutes } from '../customers/routes.js'
import { customerExists } from '../customers/service.js'
import { registerCustomerLookup } from '../fund-accounts/service.js'
import { registerInvoicePage } from '../invoices/hosted.js'
import { invoiceBeforeInsert, invoiceOnCaptured, registerInvoiceJobs } from '../invoices/lifecycle.js'
import { invoiceRoutes } from '../invoices/routes.js'
import { registerPaymentHooks } from '../payments/hooks.js'
import { mandateHooks } from './authorisation.js'
import { registerDebitJobs } from './charge.js'
import { registerTokenJobs } from './lifecycle.js'
import { registerNachPages } from './nach.js'
import { tokenRoutes, tokenSandboxRoutes } from './routes.js'

export function registerRecurring(jobs: JobRegistry): void {
  registerPaymentHooks({
    beforeInsert: async (tx, c) => mandateHooks.beforeInsert(tx, { ...c, payment: await invoiceBeforeInsert(tx, c) }),
    onAuthorized: mandateHooks.onAuthorized,
    afterAuthorized: mandateHooks.afterAuthorized,
    onCaptured: invoiceOnCaptured,
  })
  registerTokenJobs(jobs)
  registerDebitJobs(jobs)
  registerInvoiceJobs(jobs)
  registerCustomerLookup(customerExists)
}

export const recurringRoutes = [...customerRoutes, ...tokenRoutes, ...cardRoutes, ...invoiceRoutes]
export const recurringSandboxRoutes = [...tokenSandboxRoutes]

/** Customer-facing pages (no credentials): invoice short URLs and NACH forms. */
export function registerRecurringPages(app: FastifyInstance, deps: Deps): void {
  registerInvoicePage(app, deps)
  registerNachPages(app, deps)
}
