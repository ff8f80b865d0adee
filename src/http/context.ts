/** What every route handler and service receives: the process-wide dependencies. */
import type { Logger } from 'pino'
import type { Clock } from '../clock/clock.js'
import type { Store } from '../store/store.js'
import type { Authenticator, Merchant } from './auth.js'
import type { InFlight } from './idempotency.js'

export interface Deps {
  store: Store
  clock: Clock
  log: Logger
  auth: Authenticator
  inFlight: InFlight
}

export type { Merchant }
