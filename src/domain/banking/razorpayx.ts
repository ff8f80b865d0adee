/**
 * RazorpayX in one place for buildApp: the routes of contacts, fund accounts, fund account
 * validations, payouts and balances, and the job kinds of payouts and validations.
 */
import type { JobRegistry } from '../../jobs/registry.js'
import { contactRoutes } from '../contacts/routes.js'
import { fundAccountRoutes } from '../fund-accounts/routes.js'
import { registerValidationJobs } from '../fund-account-validations/processing.js'
import { validationRoutes } from '../fund-account-validations/routes.js'
import { registerPayoutJobs } from '../payouts/processing.js'
import { payoutRoutes } from '../payouts/routes.js'
import { bankingRoutes } from './routes.js'

export const razorpayxRoutes = [...contactRoutes, ...fundAccountRoutes, ...validationRoutes, ...payoutRoutes, ...bankingRoutes]

export function registerRazorpayxJobs(jobs: JobRegistry): void {
  registerPayoutJobs(jobs)
  registerValidationJobs(jobs)
}
