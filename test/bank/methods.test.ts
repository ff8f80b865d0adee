import { describe, expect, it } from 'vitest'
import { merchantPayback } from '../../src/bank/emi.js'
import { paymentMethods } from '../../src/bank/methods.js'
import { NETBANKING_BANKS } from '../../src/bank/netbanking.js'
import { WALLETS } from '../../src/bank/wallets.js'

describe('paymentMethods', () => {
  const m = paymentMethods()

  it('has the GET /v1/methods shape', () => {
    expect(m).toMatchObject({
      entity: 'methods',
      card: true,
      debit_card: true,
      credit_card: true,
      prepaid_card: true,
      amex: true,
      emi: true,
      upi: true,
      cardless_emi: [],
      paylater: [],
      emi_subvention: 'customer',
    })
    expect(m.card_networks).toEqual({ AMEX: 1, DICL: 1, MC: 1, MAES: 1, VISA: 1, JCB: 0, RUPAY: 1, BAJAJ: 0 })
  })

  it('lists every bank and every wallet the bank accepts', () => {
    expect(m.netbanking).toEqual({ ...NETBANKING_BANKS })
    expect(Object.keys(m.wallet).sort()).toEqual(Object.keys(WALLETS).sort())
    expect(Object.values(m.wallet).every((v) => v === true)).toBe(true)
  })

  it('has EMI plans for the EMI test card issuer and matching emi_options', () => {
    expect(m.emi_plans.HDFC).toBeDefined()
    for (const [bank, plan] of Object.entries(m.emi_plans)) {
      const options = m.emi_options[bank]
      expect(options.map((o) => o.duration)).toEqual(Object.keys(plan.plans).map(Number).sort((a, b) => a - b))
      for (const o of options) {
        expect(o.interest).toBe(plan.plans[String(o.duration)])
        expect(o.min_amount).toBe(plan.min_amount)
      }
    }
    expect(m.emi_plans.ICIC.plans['3']).toBe(12.99)
  })

  it('returns a fresh object each call', () => {
    const a = paymentMethods()
    a.netbanking.HDFC = 'changed'
    a.emi_plans.HDFC.plans['3'] = 0
    const b = paymentMethods()
    expect(b.netbanking.HDFC).toBe('HDFC Bank')
    expect(b.emi_plans.HDFC.plans['3']).toBe(15)
  })

  it('round-trips through JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(m))).toEqual(m)
  })
})

describe('merchantPayback', () => {
  it.each([
    [12, 3, '1.97'],
    [12, 6, '3.41'],
    [14, 9, '5.59'],
    [14, 12, '7.19'],
    [15, 18, '10.95'],
    [15, 24, '14.07'],
    [16, 3, '2.61'],
    [16, 18, '11.62'],
  ])('%d%% over %d months → %s (documented sample values)', (rate, months, expected) => {
    expect(merchantPayback(rate, months)).toBe(expected)
  })

  it('is 0.00 at 0% interest', () => {
    expect(merchantPayback(0, 12)).toBe('0.00')
  })
})
