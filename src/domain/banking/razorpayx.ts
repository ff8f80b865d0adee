/**
 * RazorpayX in one place for buildApp: the routes of contacts, fund accounts, payouts and balances,
 * and the payouts' job kinds.
 */
import type { JobRegistry } from '../../jobs/registry.js'
import { contactRoutes } from '../contacts/routes.js'
import { fundAccountRoutes } from '../fund-accounts/routes.js'
import { registerPayoutJobs } from '../payouts/processing.js'
import { payoutRoutes } from '../payouts/routes.js'
import { bankingRoutes } from './routes.js'

export const razorpayxRoutes = [...contactRoutes, ...fundAccountRoutes, ...payoutRoutes, ...bankingRoutes]

export function registerRazorpayxJobs(jobs: JobRegistry): void {
  registerPayoutJobs(jobs)
}
