/**
 * A customer's tokens (GET/DELETE /v1/customers/:id/tokens[/:token_id]) and TokenHQ card tokens
 * (POST /v1/tokens, /fetch, /delete, /service_provider_tokens/token_transactional_data).
 *
 * The customer's list leaves out deleted, expired and rejected tokens ("This endpoint will not
 * fetch the details of expired and unused tokens", RT:…/emandate/tokens.md; rejected ones were never
 * usable — behaviors.md §9). A single token stays fetchable after DELETE, so its cancellation can
 * be watched (CHOSEN).
 */
import { classifyCard, validateCvv, validateExpiry } from '../../bank/index.js'
import type { Deps } from '../../http/context.js'
import { badRequest, errors, type ApiError } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import { isIdOf, newId, randomToken } from '../../shared/ids.js'
import { hmacSha256Hex } from '../../shared/crypto.js'
import type { CardRow, Db } from '../../store/schema.js'
import { cardDigest } from '../cards/fingerprint.js'
import { getCustomer } from '../customers/service.js'
import { paymentStore } from '../payments/store.js'
import { cardExpiryEnd } from './authorisation.js'
import { deleteToken } from './lifecycle.js'
import type { TokenCreate, TokenRef } from './schema.js'
import { tokenStore, type TokenRow } from './store.js'

export async function getCustomerToken(db: Db, merchantId: string, customerId: string, tokenId: string): Promise<TokenRow> {
  const c = await getCustomer(db, merchantId, customerId)
  if (!isIdOf('token', tokenId)) throw errors.invalidId(tokenId)
  const t = await tokenStore.findByMerchantIdAndId(db, merchantId, tokenId)
  if (!t || t.customer_id !== c.id) throw errors.notFound()
  return t
}

export async function listCustomerTokens(deps: Deps, merchantId: string, customerId: string): Promise<TokenRow[]> {
  const c = await getCustomer(deps.store.db, merchantId, customerId)
  const now = deps.clock.now(merchantId)
  const all = await tokenStore.listByCustomer(deps.store.db, merchantId, c.id)
  return all.filter((t) => t.status !== 'deleted' && t.recurring_status !== 'rejected' && (t.expired_at === null || t.expired_at > now))
}

export async function deleteCustomerToken(deps: Deps, merchantId: string, customerId: string, tokenId: string): Promise<{ deleted: true }> {
  const now = deps.clock.now(merchantId)
  await deps.store.write(async (tx) => {
    const t = await getCustomerToken(tx, merchantId, customerId, tokenId)
    if (t.status === 'deleted') throw errors.notFound()
    await deleteToken(tx, t, now)
  })
  return { deleted: true }
}

export async function cardsOfTokens(db: Db, merchantId: string, tokens: TokenRow[]): Promise<Map<string, CardRow>> {
  return paymentStore.cardsByIds(db, merchantId, tokens.map((t) => t.card_id).filter((x): x is string => x !== null))
}

// ---- TokenHQ ------------------------------------------------------------------------------------

/** TokenHQ errors carry step token_initiation (RT:…/token-hq/merchant-requestor/apis.md, error codes). */
const tokenError = (description: string, field: string): ApiError =>
  badRequest(description, { field, step: 'token_initiation', source: 'business', reason: 'input_validation_failed' })

function yearMonth(unix: number): { year: number; month: number } {
  const d = new Date(unix * 1000)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 }
}

/** POST /v1/tokens: saves a card (after authentication elsewhere) as a token. Duplicate requests get a new token, as documented. */
export async function createCardToken(deps: Deps, merchantId: string, input: TokenCreate): Promise<TokenRow> {
  if (input.method !== 'card') throw tokenError('The selected method is invalid: only card can be tokenised.', 'method')
  const card = input.card
  if (!card) throw errors.required('card')
  const digits = String(card.number).replace(/\s/g, '')
  const c = classifyCard(digits)
  if (!c.ok) throw tokenError('The card number is invalid.', 'number')
  const now = deps.clock.now(merchantId)
  const expiry = validateExpiry(card.expiry_month, card.expiry_year, yearMonth(now))
  if (expiry) throw tokenError(expiry.description, expiry.field ?? 'expiry_month')
  if (card.cvv !== undefined && card.cvv !== null && card.cvv !== '') {
    const cvv = validateCvv(card.cvv, c.info.network)
    if (cvv) throw badRequest('The cvv must be between 3 and 4 digits', { field: 'cvv' })
  }
  const notes = JSON.stringify(validateNotes(input.notes))
  const year = Number(card.expiry_year) < 100 ? 2000 + Number(card.expiry_year) : Number(card.expiry_year)
  const month = Number(card.expiry_month)
  return deps.store.write(async (tx) => {
    if (input.customer_id !== undefined) await getCustomer(tx, merchantId, input.customer_id, 'customer_id')
    const cardRow: CardRow = {
      id: newId('card'),
      merchant_id: merchantId,
      name: card.name ?? '',
      last4: c.info.last4,
      network: c.info.network,
      type: c.info.type,
      issuer: c.info.issuer,
      international: c.info.international ? 1 : 0,
      emi: c.info.emi ? 1 : 0,
      sub_type: 'consumer',
      iin: c.info.iin,
      expiry_month: month,
      expiry_year: year,
      created_at: now,
    }
    await paymentStore.insertCard(tx, cardRow)
    const id = newId('token')
    const t: TokenRow = {
      id,
      merchant_id: merchantId,
      customer_id: input.customer_id ?? null,
      token: randomToken(14),
      source: 'tokenhq',
      method: 'card',
      card_id: cardRow.id,
      bank: null,
      vpa: null,
      auth_type: null,
      recurring: 0,
      recurring_status: null,
      failure_reason: null,
      max_amount: null,
      expired_at: cardExpiryEnd(month, year),
      frequency: null,
      bank_details: null,
      notes,
      par: cardDigest(digits),
      // A network token's IIN: 9 digits for Visa, Mastercard and RuPay (RT:api/payments/cards/iin-api.md).
      token_iin: `${c.info.iin.slice(0, 6)}${String(parseInt(hmacSha256Hex('tijori-token-iin', id).slice(0, 6), 16) % 1000).padStart(3, '0')}`,
      payment_id: null,
      order_id: null,
      status: 'active',
      used_at: null,
      start_time: null,
      created_at: now,
      deleted_at: null,
    }
    await tokenStore.insert(tx, t)
    return t
  })
}

/** The token a TokenHQ body names (`id`, or `token_id` on the transactional-data endpoint). */
export async function tokenByRef(db: Db, merchantId: string, ref: TokenRef): Promise<TokenRow> {
  const id = ref.id ?? ref.token_id
  if (id === undefined || id === '') throw errors.required('id')
  if (!isIdOf('token', id)) throw errors.invalidId(id)
  const t = await tokenStore.findByMerchantIdAndId(db, merchantId, id)
  if (!t || t.status === 'deleted') throw errors.notFound()
  return t
}

export async function deleteTokenByRef(deps: Deps, merchantId: string, ref: TokenRef): Promise<never[]> {
  const now = deps.clock.now(merchantId)
  await deps.store.write(async (tx) => deleteToken(tx, await tokenByRef(tx, merchantId, ref), now))
  return []
}

/**
 * The network token's transactional data, to pay with it on another PA/PG. Simulated: a
 * Luhn-valid 16-digit number starting with the token IIN, a fresh cryptogram per call, the card's
 * expiry; Amex answers a dynamic cvv instead of a cryptogram, as documented.
 */
export async function transactionalData(deps: Deps, merchantId: string, ref: TokenRef) {
  const invalid = () => badRequest('The token is invalid.', { step: 'get_cryptogram', reason: 'invalid_token' })
  const t = await tokenByRef(deps.store.db, merchantId, ref).catch(() => {
    throw invalid()
  })
  const card = t.card_id ? await paymentStore.findCard(deps.store.db, merchantId, t.card_id) : undefined
  if (!card) throw invalid()
  const seed = hmacSha256Hex('tijori-network-token', t.id)
  const body = (t.token_iin ?? card.iin.padEnd(9, '0')) + [...seed.slice(0, 6)].map((ch) => String(parseInt(ch, 16) % 10)).join('')
  const number = body + luhnDigit(body)
  const expiry = { token_expiry_month: card.expiry_month ?? 12, token_expiry_year: card.expiry_year ?? 2099 }
  if (card.network === 'American Express') return { token_number: number, cvv: seed.replace(/\D/g, '').padEnd(4, '7').slice(0, 4), ...expiry }
  return { token_number: number, cryptogram_value: randomToken(32), ...expiry }
}

function luhnDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}
