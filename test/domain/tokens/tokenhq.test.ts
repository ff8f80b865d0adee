/**
 * TokenHQ (rzp.tokens: create, fetch, delete, processPaymentOnAlternatePAorPG), cards
 * (rzp.cards.fetch, requestCardReference) and IINs (rzp.iins.fetch, all) through the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { luhnValid } from '../../../src/bank/luhn.js'
import { expectError } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { newCustomer } from './support.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const visa = { number: '4718609108204366', cvv: '123', expiry_month: '12', expiry_year: '2030', name: 'Gaurav Kumar' }

describe('TokenHQ', () => {
  it('tokenises a card, fetches it, gives its network token data, deletes it', async () => {
    const m = s.merchant
    const customerId = await newCustomer(m)
    const t: any = await m.rzp.tokens.create({
      customer_id: customerId,
      method: 'card',
      card: visa,
      authentication: { provider: 'razorpay', provider_reference_id: 'pay_123wkejnsakd', authentication_reference_number: '100222021120200000000742753928' },
      notes: [],
    } as any)
    expect(t).toEqual({
      id: expect.stringMatching(/^token_/),
      entity: 'token',
      customer_id: customerId,
      method: 'card',
      card: { last4: '4366', network: 'Visa', type: 'credit', issuer: null, international: false, emi: false, sub_type: 'consumer', token_iin: expect.stringMatching(/^471860\d{3}$/) },
      compliant_with_tokenisation_guidelines: true,
      expired_at: Date.UTC(2031, 0, 1) / 1000 - 19800 - 1,
      status: 'active',
      status_reason: null,
      notes: [],
    })
    expect(await m.rzp.tokens.fetch({ id: t.id })).toEqual(t)
    const data: any = await m.rzp.tokens.processPaymentOnAlternatePAorPG({ id: t.id })
    expect(data).toEqual({ token_number: expect.stringMatching(/^\d{16}$/), cryptogram_value: expect.any(String), token_expiry_month: 12, token_expiry_year: 2030 })
    expect(data.token_number.startsWith(t.card.token_iin)).toBe(true)
    expect(luhnValid(data.token_number)).toBe(true)
    // The token's IIN is a token IIN of the card's IIN.
    const iin: any = await m.rzp.iins.fetch(t.card.token_iin)
    expect(iin).toMatchObject({ iin: t.card.token_iin, tokenised_iin: true, card_iin: '471860', network: 'Visa' })
    // The same card's reference, by token and by number.
    const byToken: any = await m.rzp.cards.requestCardReference({ token: t.id })
    const byNumber: any = await m.rzp.cards.requestCardReference({ number: visa.number })
    expect(byToken.payment_account_reference).toBe(byNumber.payment_account_reference)
    expect(await m.rzp.tokens.delete({ id: t.id })).toEqual([])
    expect((await sdkError(m.rzp.tokens.fetch({ id: t.id }))).error.description).toBe('The id provided does not exist')
    const gone = await m.http('POST', '/v1/tokens/service_provider_tokens/token_transactional_data', { id: t.id })
    expectError(gone, 400, { description: 'The token is invalid.', step: 'get_cryptogram', reason: 'invalid_token' })
  })

  it('refuses an invalid card', async () => {
    const m = s.merchant
    const r = await m.http('POST', '/v1/tokens', { method: 'card', card: { ...visa, number: '4111111111111112' } })
    expectError(r, 400, { description: 'The card number is invalid.', field: 'number', step: 'token_initiation' })
  })
})

describe('cards and IINs', () => {
  it('card references: Visa and Mastercard PAR, RuPay network reference id, none for Amex', async () => {
    const m = s.merchant
    expect(await m.rzp.cards.requestCardReference({ number: '5500670000001002' })).toEqual({
      network: 'MasterCard',
      payment_account_reference: expect.stringMatching(/^5001\d{25}$/),
      network_reference_id: null,
    })
    expect(await m.rzp.cards.requestCardReference({ number: '6527658900001005' })).toEqual({
      network: 'RuPay',
      payment_account_reference: null,
      network_reference_id: expect.stringMatching(/^1001[0-9a-f]{32}$/),
    })
    const amex = await m.http('POST', '/v1/cards/fingerprints', { number: '340256000401007' })
    expect(amex.body.error).toMatchObject({ reason: 'card_reference_not_found', source: 'gateway', step: 'card_reference_provision' })
  })

  it('fetches a card of the merchant only', async () => {
    const m = await s.newMerchant()
    expect((await sdkError(m.rzp.cards.fetch('card_00000000000000'))).error.description).toBe('The id provided does not exist')
  })

  it('IIN details, lengths and lists', async () => {
    const m = s.merchant
    expect(await m.rzp.iins.fetch('524181')).toEqual({
      iin: '524181',
      entity: 'iin',
      network: 'MasterCard',
      type: 'credit',
      sub_type: 'consumer',
      issuer_code: 'HDFC',
      issuer_name: 'HDFC Bank',
      international: false,
      tokenised_iin: false,
      card_iin: null,
      emi: { available: true },
      recurring: { available: true },
      authentication_types: [{ type: '3ds' }, { type: 'otp' }],
    })
    expectError(await m.http('GET', '/v1/iins/4386'), 400, {
      description: 'The requested IIN is a card IIN & should be 6 digits long.',
      source: 'business',
      step: 'NA',
      reason: 'invalid_iin_length',
    })
    expectError(await m.http('GET', '/v1/iins/000000'), 400, { description: 'IIN 000000 does not exist', source: 'merchant', step: 'NA', reason: 'iin_does_not_exist' })
    const otp: any = await m.rzp.iins.all({ flow: 'otp' } as any)
    expect(otp.count).toBe(otp.iins.length)
    expect(otp.iins).toContain('411111')
    expect(await m.rzp.iins.all({ sub_type: 'business' } as any)).toEqual({ count: 0, iins: [] })
  })
})
