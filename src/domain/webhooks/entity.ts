/**
 * The webhook endpoint as Razorpay shows it (RT:api/partners/webhooks/entity.md). The secret itself
 * never leaves the server: `secret_exists: true` says there is one, and is absent when there is
 * none ("If no secret is sent in the request, this parameter does not appear"). `owner_id` is the
 * account id without its `acc_` prefix, as in the docs' samples; `disabled_at` is 0 while enabled.
 */
import type { WebhookRow } from '../../store/schema.js'

export interface Chaos {
  /** POST every successful delivery twice (same body, same X-Razorpay-Event-Id). */
  duplicate: boolean
  /** Wait this long before each POST (0-10000). */
  delay_ms: number
  /** Treat the first N attempts of every delivery as lost: nothing is sent, and it is retried. */
  drop_first: number
}

export interface WebhookWire {
  id: string
  created_at: number
  updated_at: number
  service: string
  owner_id: string
  owner_type: 'merchant'
  context: never[]
  disabled_at: number
  url: string
  alert_email: string | null
  secret_exists?: true
  entity: 'webhook'
  active: boolean
  events: string[]
  chaos?: Chaos
}

export const NO_CHAOS: Chaos = { duplicate: false, delay_ms: 0, drop_first: 0 }

export function parseChaos(stored: string | null): Chaos {
  return stored ? { ...NO_CHAOS, ...(JSON.parse(stored) as Partial<Chaos>) } : NO_CHAOS
}

export function webhookEvents(w: Pick<WebhookRow, 'events'>): string[] {
  return JSON.parse(w.events) as string[]
}

export function webhookToWire(w: WebhookRow): WebhookWire {
  return {
    id: w.id,
    created_at: w.created_at,
    updated_at: w.updated_at,
    service: 'beta-api-test', // test keys only: the samples' test-mode value (RT:api/partners/webhooks/fetch-all.md)
    owner_id: w.owner_id.replace(/^acc_/, ''),
    owner_type: 'merchant',
    context: [],
    disabled_at: w.disabled_at ?? 0,
    url: w.url,
    alert_email: w.alert_email,
    ...(w.secret ? { secret_exists: true as const } : {}),
    entity: 'webhook',
    active: w.active === 1,
    events: webhookEvents(w),
    ...(w.chaos ? { chaos: parseChaos(w.chaos) } : {}),
  }
}
