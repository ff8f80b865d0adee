/**
 * Unit tests of the browser scripts as served (checkout.js, format.js, card.js), run in a VM with a
 * minimal window/document: the EMI calculator, option handling, data-* attributes, what the
 * checkout page receives, the `ready` event, and the client-side card checks.
 */
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { assetText } from '../../src/checkout/assets.js'
import { EMI_PLANS } from '../../src/bank/index.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

function load(name: 'checkout.js' | 'format.js' | 'card.js', window: Record<string, unknown> = {}): any {
  const document = {
    currentScript: null,
    getElementsByTagName: () => [],
    getElementById: () => null,
    addEventListener: () => undefined,
  }
  const win: Record<string, unknown> = { location: { href: 'https://shop.example/cart/pay', origin: 'https://shop.example' }, ...window }
  const ctx = vm.createContext({ window: win, document, URL, setTimeout, globalThis: win, Intl })
  vm.runInContext(assetText(name), ctx)
  return win
}

const { Razorpay } = load('checkout.js')
const { normalizeOptions, parseDataAttributes, frameOptions } = Razorpay.tijori

describe('Razorpay.emi.calculator', () => {
  it('gives the seed example: ₹10000 over 12 months at 9% → 874', () => {
    expect(Razorpay.emi.calculator(10000, 12, 9)).toBe(874)
  })

  it('is the reducing-balance instalment, truncated to the principal unit; no interest → principal / n rounded up', () => {
    const exact = (p: number, n: number, rate: number) => {
      const r = rate / 1200
      return (p * r * (1 + r) ** n) / ((1 + r) ** n - 1)
    }
    for (const [p, n, rate] of [[500000, 6, 13], [300000, 24, 15], [123456, 9, 12.99], [100, 3, 14]])
      expect(Razorpay.emi.calculator(p, n, rate)).toBe(Math.floor(exact(p, n, rate)))
    expect(Razorpay.emi.calculator(1000, 3, 0)).toBe(334)
  })

  it('agrees with the checkout page on every plan the simulated bank offers', () => {
    const { TijoriFormat } = load('format.js')
    for (const { min_amount, plans } of Object.values(EMI_PLANS))
      for (const [months, rate] of Object.entries(plans))
        expect(TijoriFormat.emiInstalment(min_amount, Number(months), rate)).toBe(Razorpay.emi.calculator(min_amount, Number(months), rate))
  })
})

describe('checkout options', () => {
  it('needs a key, and an amount unless an order (or invoice) is given', () => {
    expect(() => normalizeOptions({ amount: 100 })).toThrow('No key passed')
    expect(() => normalizeOptions({ key: 'rzp_test_x' })).toThrow('Field amount has invalid value')
    expect(() => normalizeOptions({ key: 'rzp_test_x', amount: 'abc' })).toThrow('Field amount has invalid value')
    expect(() => normalizeOptions({ key: 'rzp_test_x', amount: 12.5 })).toThrow('Field amount has invalid value')
    expect(() => normalizeOptions({ key: 'rzp_test_x', amount: 100, handler: 'nope' })).toThrow('Field handler has invalid value')
    expect(normalizeOptions({ key: 'rzp_test_x', order_id: 'order_1' }).amount).toBeUndefined()
  })

  it('fills Razorpay’s defaults', () => {
    const o = normalizeOptions({ key: 'rzp_test_x', amount: '2000' })
    expect(o).toMatchObject({
      amount: 2000,
      currency: 'INR',
      modal: { escape: true, backdropclose: false },
      retry: { enabled: true },
      redirect: false,
      recurring: false,
      prefill: {},
      notes: {},
      theme: {},
    })
  })

  it('keeps functions and reads booleans written as strings (data-* attributes)', () => {
    const handler = () => undefined
    const ondismiss = () => undefined
    const o = normalizeOptions({
      key: 'k',
      amount: 100,
      currency: 'usd',
      handler,
      modal: { ondismiss, escape: 'false', backdropclose: 'true' },
      retry: false,
      redirect: 'true',
      timeout: '30',
      readonly: { email: '1' },
    })
    expect(o.handler).toBe(handler)
    expect(o.modal).toEqual({ ondismiss, escape: false, backdropclose: true })
    expect(o.retry).toEqual({ enabled: false })
    expect(o).toMatchObject({ currency: 'USD', redirect: true, timeout: 30, readonly: { email: true } })
    expect(normalizeOptions({ key: 'k', amount: 1, retry: { enabled: 'false', max_count: '4' } }).retry).toEqual({ enabled: false, max_count: 4 })
  })

  it('does not change the caller’s object', () => {
    const input = { key: 'k', amount: '100', modal: { escape: 'false' } }
    normalizeOptions(input)
    expect(input).toEqual({ key: 'k', amount: '100', modal: { escape: 'false' } })
  })

  it('reads the automatic-mode data-* attributes into nested options', () => {
    const attrs = [
      ['src', 'https://tijori.test/v1/checkout.js'],
      ['data-key', 'rzp_test_x'],
      ['data-amount', '5000'],
      ['data-order_id', 'order_1'],
      ['data-prefill.name', 'Gaurav Kumar'],
      ['data-prefill.email', 'test@test.com'],
      ['data-notes.shipping', 'Bangalore'],
      ['data-theme.color', '#F37254'],
      ['data-modal.escape', 'false'],
      ['data-buttontext', 'Pay with Razorpay'],
    ].map(([name, value]) => ({ name, value }))
    const parsed = parseDataAttributes({ attributes: attrs })
    expect(parsed).toEqual({
      key: 'rzp_test_x',
      amount: '5000',
      order_id: 'order_1',
      prefill: { name: 'Gaurav Kumar', email: 'test@test.com' },
      notes: { shipping: 'Bangalore' },
      theme: { color: '#F37254' },
      modal: { escape: 'false' },
      buttontext: 'Pay with Razorpay',
    })
    expect(normalizeOptions(parsed)).toMatchObject({ amount: 5000, modal: { escape: false } })
  })

  it('sends the checkout page plain data only, with a relative image made absolute', () => {
    const o = normalizeOptions({
      key: 'k',
      amount: 100,
      image: '/logo.svg',
      handler: () => undefined,
      callback_url: 'https://shop.example/cb',
      modal: { ondismiss: () => undefined },
      prefill: { email: 'a@b.co' },
    })
    const sent = frameOptions(o, 'https://shop.example/cart/pay')
    expect(sent.handler).toBeUndefined()
    expect(sent.callback_url).toBeUndefined()
    expect(sent.modal).toEqual({ escape: true, backdropclose: false })
    expect(sent.image).toBe('https://shop.example/logo.svg')
    expect(sent.prefill).toEqual({ email: 'a@b.co' })
    expect(frameOptions({ ...o, image: 'data:image/png;base64,AAAA' }, 'https://shop.example/').image).toBe('data:image/png;base64,AAAA')
  })
})

describe('ready event', () => {
  const prefs = { methods: { netbanking: { HDFC: 'HDFC Bank' }, emi_plans: { HDFC: { min_amount: 300000, plans: { '3': 15 } } } } }

  function withFetch() {
    const calls: string[] = []
    const win = load('checkout.js', {
      fetch: (url: string) => {
        calls.push(url)
        return Promise.resolve({ json: () => Promise.resolve(prefs) })
      },
    })
    return { R: win.Razorpay, calls }
  }

  it('asks Tijori for the preferences of the key and order, then fires ready with the methods', async () => {
    const { R, calls } = withFetch()
    const rzp = new R({ key: 'rzp_test_x', order_id: 'order_1' })
    const got = await new Promise((resolve) => rzp.once('ready', function (this: unknown, p: unknown) { resolve([this, p]) }))
    expect(got).toEqual([rzp, prefs])
    expect(rzp.methods.emi_plans.HDFC.min_amount).toBe(300000)
    expect(calls).toEqual(['__TIJORI_ORIGIN__/v1/checkout/preferences?key_id=rzp_test_x&order_id=order_1'.replace('__TIJORI_ORIGIN__', R.tijori.base)])
  })

  it('still calls a ready listener added after the preferences arrived, once', async () => {
    const { R } = withFetch()
    const rzp = new R({ key: 'k', amount: 100 })
    await new Promise((r) => setTimeout(r, 10))
    let n = 0
    await new Promise<void>((resolve) =>
      rzp.once('ready', () => {
        n++
        resolve()
      }),
    )
    await new Promise((r) => setTimeout(r, 10))
    expect(n).toBe(1)
  })

  it('can be called without new, and supports on/off', () => {
    const { R } = withFetch()
    const rzp = R({ key: 'k', amount: 100 })
    expect(rzp).toBeInstanceOf(R)
    const seen: unknown[] = []
    const fn = (e: unknown) => seen.push(e)
    rzp.on('payment.failed', fn)
    rzp.emit('payment.failed', { error: { code: 'X' } })
    rzp.off('payment.failed', fn)
    rzp.emit('payment.failed', { error: { code: 'Y' } })
    expect(seen).toEqual([{ error: { code: 'X' } }])
  })
})

describe('client-side card checks (card.js)', () => {
  const { TijoriCard: C } = load('card.js')
  const now = new Date(2026, 4, 15) // May 2026

  it('Luhn and length', () => {
    expect(C.checkNumber('4111 1111 1111 1111')).toBe('')
    expect(C.checkNumber('3402 560004 01007')).toBe('')
    expect(C.checkNumber('4111 1111 1111 1112')).toBe('The card number is invalid.')
    expect(C.checkNumber('41111')).toBe('The card number is invalid.')
    expect(C.checkNumber('')).toBe('Enter the card number.')
  })

  it('expiry: MM/YY or MM/YYYY, this month or later', () => {
    expect(C.parseExpiry('12/30')).toEqual({ month: 12, year: 2030 })
    expect(C.parseExpiry('0531')).toEqual({ month: 5, year: 2031 })
    expect(C.parseExpiry('13/30')).toBeNull()
    expect(C.checkExpiry('05/26', now)).toBe('')
    expect(C.checkExpiry('04/26', now)).toBe('The card has expired.')
    expect(C.checkExpiry('4/2025', now)).toBe('The card has expired.')
    expect(C.checkExpiry('ab', now)).toBe('Enter the expiry as MM/YY.')
  })

  it('CVV: 3 digits, 4 for American Express', () => {
    expect(C.checkCvv('123', '4111111111111111')).toBe('')
    expect(C.checkCvv('1234', '4111111111111111')).toBe('The cvv must be 3 digits.')
    expect(C.checkCvv('1234', '340256000401007')).toBe('')
    expect(C.checkCvv('', '4111111111111111')).toBe('Enter the CVV.')
  })
})
