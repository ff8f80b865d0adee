/**
 * The IIN API (RT:api/payments/cards/iin-api.md): GET /v1/iins/:iin and GET /v1/iins/list.
 *
 * Simulated from the simulated bank's card table: the IIN of a documented test card answers that
 * card's network, type, issuer, international and EMI flags; any other IIN of a recognisable
 * network answers like classifyCard treats such numbers (a domestic card of type "unknown");
 * IINs of no known network do not exist. A 9-digit IIN is a token IIN: it exists when one of the
 * merchant's tokens has it, and answers the card IIN behind it. Every card supports 3ds and native
 * OTP in the simulated bank; recurring is available on domestic cards (CHOSEN: Indian card mandates).
 */
import { NETBANKING_BANKS, TEST_CARDS, networkFromIin } from '../../bank/index.js'
import type { Deps } from '../../http/context.js'
import { badRequest } from '../../http/errors.js'
import { paymentStore } from '../payments/store.js'
import { tokenStore } from '../tokens/store.js'

interface IinInfo {
  network: string
  type: string
  issuer: string | null
  international: boolean
  emi: boolean
}

const BY_IIN = new Map<string, IinInfo>()
for (const c of TEST_CARDS) {
  const iin = c.number.slice(0, 6)
  if (!BY_IIN.has(iin)) BY_IIN.set(iin, { network: c.network, type: c.type, issuer: c.issuer, international: c.international, emi: c.emi })
}

function info(iin: string): IinInfo | null {
  const known = BY_IIN.get(iin.slice(0, 6))
  if (known) return known
  const network = networkFromIin(iin)
  return network === 'Unknown' ? null : { network, type: 'unknown', issuer: null, international: false, emi: false }
}

const iinError = (description: string, reason: string, source = 'business') =>
  badRequest(description, { source, step: 'NA', reason })

function entity(iin: string, i: IinInfo, cardIin: string | null) {
  return {
    iin,
    entity: 'iin' as const,
    network: i.network,
    type: i.type,
    sub_type: 'consumer',
    issuer_code: i.issuer,
    issuer_name: i.issuer ? (NETBANKING_BANKS[i.issuer] ?? null) : null,
    international: i.international,
    tokenised_iin: cardIin !== null,
    card_iin: cardIin,
    emi: { available: i.emi },
    recurring: { available: !i.international },
    authentication_types: [{ type: '3ds' }, { type: 'otp' }],
  }
}

export async function fetchIin(deps: Deps, merchantId: string, iin: string) {
  if (!/^[0-9]+$/.test(iin)) throw iinError(`IIN ${iin} does not exist`, 'iin_does_not_exist', 'merchant')
  if (iin.length === 9) {
    const t = await tokenStore.findByTokenIin(deps.store.db, merchantId, iin)
    const card = t?.card_id ? await paymentStore.findCard(deps.store.db, merchantId, t.card_id) : undefined
    const i = card ? info(card.iin) : null
    if (!card || !i) throw iinError(`IIN ${iin} does not exist`, 'iin_does_not_exist', 'merchant')
    return entity(iin, i, card.iin)
  }
  if (iin.length < 6 || iin.length > 8) throw iinError('The requested IIN is a card IIN & should be 6 digits long.', 'invalid_iin_length')
  const i = info(iin)
  if (!i) throw iinError(`IIN ${iin} does not exist`, 'iin_does_not_exist', 'merchant')
  return entity(iin, i, null)
}

/** GET /v1/iins/list?flow=otp|3ds|recurring or ?sub_type=consumer|business: {count, iins}. */
export function listIins(q: Record<string, unknown>) {
  const all = [...BY_IIN.entries()]
  let iins: string[]
  if (q.flow !== undefined) {
    const flow = String(q.flow)
    if (flow === 'otp' || flow === '3ds') iins = all.map(([iin]) => iin)
    else if (flow === 'recurring') iins = all.filter(([, i]) => !i.international).map(([iin]) => iin)
    else throw badRequest('The selected flow is invalid.', { field: 'flow' })
  } else if (q.sub_type !== undefined) {
    const sub = String(q.sub_type)
    if (sub === 'consumer') iins = all.map(([iin]) => iin)
    else if (sub === 'business') iins = []
    else throw badRequest('The selected sub type is invalid.', { field: 'sub_type' })
  } else throw badRequest('The flow field is required when sub type is not present.', { field: 'flow' })
  return { count: iins.length, iins }
}
