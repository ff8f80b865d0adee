/**
 * The simulated bank's verdict per fund account (src/domain/payouts/scenarios.ts), including the
 * fast path that skips parsing details which cannot hold a trigger.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { scenarioFor } from '../../../src/domain/payouts/scenarios.js'
import type { FundAccountRow } from '../../../src/domain/fund-accounts/store.js'

const fa = (account_type: string, details: Record<string, unknown>): FundAccountRow => ({
  id: 'fa_x',
  merchant_id: 'acc_x',
  contact_id: 'cont_x',
  customer_id: null,
  account_type,
  details: JSON.stringify(details),
  dedupe_key: null,
  active: 1,
  batch_id: null,
  created_at: 1,
})

describe('scenarioFor', () => {
  it('gives each documented trigger its outcome', () => {
    expect(scenarioFor(fa('bank_account', { ifsc: 'HDFC0000053', account_number: '1111111111' }), 'NEFT')).toEqual({ kind: 'fail', reason: 'bank_account_invalid' })
    expect(scenarioFor(fa('bank_account', { account_number: '2222222222' }), 'IMPS')).toEqual({ kind: 'reverse', reason: 'beneficiary_bank_rejected' })
    expect(scenarioFor(fa('bank_account', { account_number: '3333333333' }), 'IMPS')).toEqual({ kind: 'fail', reason: 'imps_not_allowed' })
    expect(scenarioFor(fa('bank_account', { account_number: '3333333333' }), 'NEFT')).toEqual({ kind: 'success' })
    expect(scenarioFor(fa('vpa', { address: 'Failure@RazorPay' }), 'UPI')).toEqual({ kind: 'fail', reason: 'beneficiary_vpa_invalid' })
    expect(scenarioFor(fa('vpa', { address: 'REVERSAL@RAZORPAY' }), 'UPI')).toEqual({ kind: 'reverse', reason: 'beneficiary_bank_rejected' })
    expect(scenarioFor(fa('wallet', { phone: '+910000000000', provider: 'amazonpay' }), 'amazonpay' as never)).toEqual({ kind: 'fail', reason: 'invalid_beneficiary' })
  })

  it('a number that only contains a trigger, or a trigger in another field, is processed', () => {
    expect(scenarioFor(fa('bank_account', { account_number: '91111111111' }), 'IMPS')).toEqual({ kind: 'success' })
    expect(scenarioFor(fa('bank_account', { name: 'failure@razorpay', account_number: '765432123456789' }), 'IMPS')).toEqual({ kind: 'success' })
    expect(scenarioFor(fa('vpa', { address: 'gaurav@razorpay' }), 'UPI')).toEqual({ kind: 'success' })
  })

  it('agrees with a full parse for any details (the fast path only skips what cannot match)', () => {
    const triggerish = fc.constantFrom('1111111111', '2222222222', '3333333333', 'failure@razorpay', 'REVERSAL@razorpay', '+910000000000', 'x@razorpay')
    const value = fc.oneof(fc.string(), triggerish, triggerish.map((t) => `9${t}`))
    fc.assert(
      fc.property(fc.constantFrom('bank_account', 'vpa', 'wallet', 'card'), fc.record({ account_number: value, address: value, phone: value, name: value }, { requiredKeys: [] }), fc.constantFrom('IMPS', 'NEFT', 'UPI') as fc.Arbitrary<'IMPS' | 'NEFT' | 'UPI'>, (type, details, mode) => {
        const row = fa(type, details)
        // The same row with a key that makes the fast-path pattern match always, so it is parsed.
        const parsed = fa(type, { ...details, zz: '@razorpay' })
        expect(scenarioFor(row, mode)).toEqual(scenarioFor(parsed, mode))
      }),
    )
  })
})
