/** What every route handler and service receives: the process-wide dependencies. */
import type { Logger } from 'pino'
import type { MerchantClock } from '../clock/merchant-clock.js'
import type { JobRegistry } from '../jobs/registry.js'
import type { JobRunner } from '../jobs/runner.js'
import type { Store } from '../store/store.js'
import type { Authenticator, Merchant } from './auth.js'
import type { FinishedKeys, InFlight } from './idempotency.js'

export interface Deps {
  store: Store
  /** Per-merchant time; `clock.now(merchantId)` is the only source of domain time. */
  clock: MerchantClock
  log: Logger
  auth: Authenticator
  inFlight: InFlight
  /** Finished idempotency key records this process has read (http/idempotency.ts). */
  finishedKeys: FinishedKeys
  /** Job kinds and their handlers (domain modules register theirs when the app is built). */
  jobs: JobRegistry
  /** Runs scheduled work: the real-time poller and POST /_sandbox/clock. */
  runner: JobRunner
  /** Whether the /_sandbox control API is served (TIJORI_SANDBOX=0 or --no-sandbox turns it off). */
  sandbox: boolean
}

export type { Merchant }
