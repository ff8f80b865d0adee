/**
 * Webhook endpoints: create, edit, fetch, list, delete. Used by the HTTP routes (v1 and the v2
 * account forms) and by the CLI, which opens the database itself — so the context is only a store
 * and a clock.
 *
 * Rules: url is http(s) and at most 255 characters — localhost and private addresses are allowed
 * (unlike Razorpay, which refuses them: receiving webhooks on a laptop or in CI is what Tijori is
 * for); events is a list or a map {"payment.authorized": true, …} of documented names; at most 30
 * endpoints per account. A secret change applies to events from then on: deliveries already queued
 * keep the secret current when their event happened.
 */
import type { Clock } from '../../clock/clock.js'
import { badRequest, errors } from '../../http/errors.js'
import type { Page } from '../../http/pagination.js'
import { newIdBody } from '../../shared/ids.js'
import type { Db, WebhookRow } from '../../store/schema.js'
import type { Store } from '../../store/store.js'
import { isKnownEvent } from '../../webhooks/events.js'
import { fanOut } from '../../webhooks/fanout.js'
import { NO_CHAOS, type Chaos } from './entity.js'
import type { WebhookCreate, WebhookEdit } from './schema.js'
import { webhookStore, type WebhookPatch } from './store.js'
import { isEmail } from '../../shared/email.js'

export interface WebhookCtx {
  store: Store
  clock: Clock
}

export const MAX_WEBHOOKS_PER_ACCOUNT = 30
const MAX_URL_LENGTH = 255
const WEBHOOK_ID = /^[0-9A-Za-z]{14}$/

/** v2 paths name the account; a merchant may only name its own (there are no sub-merchants yet). */
export function assertOwnAccount(merchantId: string, accountId: string): void {
  if (accountId !== merchantId) throw errors.notFound()
}

function parseUrl(input: string | undefined): string {
  const url = (input ?? '').trim()
  if (url === '') throw errors.required('url')
  if (url.length > MAX_URL_LENGTH) throw badRequest(`The url may not be greater than ${MAX_URL_LENGTH} characters.`, { field: 'url' })
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw badRequest('The url is not a valid URL.')
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') throw badRequest('The url is not a valid URL.')
  return url
}

const TRUE = new Set<unknown>([true, 1, '1', 'true'])
const FALSE = new Set<unknown>([false, 0, '0', 'false'])

/** A list of names, or Razorpay's map form {"payment.authorized": true|"true"|1, …} (false entries unsubscribe). */
function parseEvents(input: unknown): string[] {
  if (input === undefined || input === null || input === '') throw errors.required('events')
  let names: string[]
  if (Array.isArray(input)) {
    if (!input.every((e) => typeof e === 'string')) throw badRequest('The events must be an array of event names.', { field: 'events' })
    names = input as string[]
  } else if (typeof input === 'object') {
    names = []
    for (const [name, on] of Object.entries(input as Record<string, unknown>)) {
      if (TRUE.has(on)) names.push(name)
      else if (!FALSE.has(on)) throw badRequest(`The events[${name}] field must be true or false.`, { field: `events[${name}]` })
    }
  } else {
    throw badRequest('The events must be an array.', { field: 'events' })
  }
  names = [...new Set(names.map((n) => n.trim()))]
  if (names.length === 0) throw errors.required('events')
  const unknown = names.filter((n) => !isKnownEvent(n))
  if (unknown.length > 0) throw badRequest(`Invalid event name/names: ${unknown.join(', ')}`)
  return names
}

function parseActive(input: unknown): boolean {
  if (TRUE.has(input)) return true
  if (FALSE.has(input)) return false
  throw badRequest('The active field must be true or false.', { field: 'active' })
}

function parseAlertEmail(input: string | null | undefined): string | null {
  const email = (input ?? '').trim()
  if (email === '') return null
  if (email.length > 255 || !isEmail(email)) throw badRequest('The alert email must be a valid email address.', { field: 'alert_email' })
  return email
}

function parseChaos(input: Partial<Chaos> | null | undefined): string | null {
  if (!input) return null
  const chaos: Chaos = { ...NO_CHAOS, ...input }
  if (!chaos.duplicate && chaos.delay_ms === 0 && chaos.drop_first === 0) return null
  return JSON.stringify(chaos)
}

/** Loads a merchant's webhook or answers Razorpay's "does not exist" (also for other merchants' ids). */
export async function getWebhook(db: Db, merchantId: string, id: string): Promise<WebhookRow> {
  if (!WEBHOOK_ID.test(id)) throw errors.notFound()
  const row = await webhookStore.findByMerchantIdAndId(db, merchantId, id)
  if (!row) throw errors.notFound()
  return row
}

export async function createWebhook(ctx: WebhookCtx, merchantId: string, input: WebhookCreate): Promise<WebhookRow> {
  const url = parseUrl(input.url)
  const events = parseEvents(input.events)
  const alertEmail = parseAlertEmail(input.alert_email)
  const active = input.active === undefined ? true : parseActive(input.active)
  const now = ctx.clock.now(merchantId)
  const row: WebhookRow = {
    id: newIdBody(),
    merchant_id: merchantId,
    owner_id: merchantId,
    url,
    secret: input.secret ? input.secret : null,
    events: JSON.stringify(events),
    active: active ? 1 : 0,
    alert_email: alertEmail,
    chaos: parseChaos(input.chaos),
    disabled_at: active ? null : now,
    created_at: now,
    updated_at: now,
  }
  await ctx.store.write(async (tx) => {
    await fanOut(tx, { merchantId }) // earlier events are not for the new endpoint (fanout.ts)
    if ((await webhookStore.countByMerchantId(tx, merchantId)) >= MAX_WEBHOOKS_PER_ACCOUNT)
      throw badRequest(`You can create up to ${MAX_WEBHOOKS_PER_ACCOUNT} webhooks for an account.`)
    await webhookStore.insert(tx, row)
    // The limit is count-then-insert: one create at a time per merchant (PostgreSQL runs them concurrently).
  }, { serializeOn: `webhooks:${merchantId}` })
  return row
}

/** PUT /v1/webhooks/:id and PATCH /v2/…: changes the fields sent, keeps the others. */
export async function editWebhook(ctx: WebhookCtx, merchantId: string, id: string, input: WebhookEdit): Promise<WebhookRow> {
  const patch: WebhookPatch = {}
  if (input.url !== undefined) patch.url = parseUrl(input.url)
  if (input.events !== undefined) patch.events = JSON.stringify(parseEvents(input.events))
  if (input.alert_email !== undefined) patch.alert_email = parseAlertEmail(input.alert_email)
  if (input.secret !== undefined) patch.secret = input.secret ? input.secret : null
  if (input.chaos !== undefined) patch.chaos = parseChaos(input.chaos)
  const active = input.active === undefined ? undefined : parseActive(input.active)
  return ctx.store.write(async (tx) => {
    await fanOut(tx, { merchantId }) // earlier events go where the endpoint pointed then (fanout.ts)
    const current = await getWebhook(tx, merchantId, id)
    const now = ctx.clock.now(merchantId)
    if (active !== undefined && active !== (current.active === 1)) {
      patch.active = active ? 1 : 0
      patch.disabled_at = active ? null : now
    }
    patch.updated_at = now
    await webhookStore.update(tx, merchantId, id, patch)
    return { ...current, ...patch }
  })
}

export function listWebhooks(db: Db, merchantId: string | null, page: Page): Promise<WebhookRow[]> {
  return webhookStore.list(db, merchantId, page)
}

/**
 * Deletes the endpoint. Deliveries still pending for it are given up when they fall due (the
 * dispatcher finds no endpoint); the delivery log keeps them.
 */
export async function deleteWebhook(ctx: WebhookCtx, merchantId: string, id: string): Promise<void> {
  await ctx.store.write(async (tx) => {
    await fanOut(tx, { merchantId }) // earlier events still get their deliveries, given up when due
    await getWebhook(tx, merchantId, id)
    await webhookStore.delete(tx, merchantId, id)
  })
}
