/**
 * Issue 6's proofs in a real browser: Debian's Chromium (playwright-core) drives the example
 * merchant (examples/merchant) whose pages load checkout.js from a Tijori test server.
 *   1. custom checkout: card + OTP → handler gets the trio → the merchant server verifies the
 *      signature with the SDK's validatePaymentVerification and captures → the order is paid →
 *      the payment.captured and order.paid webhooks reach the merchant server, which verifies
 *      them with the SDK's validateWebhookSignature (it registered its /webhook at startup);
 *   2. automatic form mode: the Pay button, then the form posts the fields to its action URL;
 *   3. a failure card shows Razorpay's description, and a retry pays; EMI plans, then an EMI
 *      payment on the EMI test card;
 *   4. UPI (failure@razorpay, then success@razorpay; the intent QR) and netbanking/wallet through
 *      the simulated bank page, at phone width.
 * The test harness does not start the delivery poller (deps.runner); this suite starts it.
 * Screenshots of every step go to test-artifacts/checkout/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../support/harness.js'
import { eventsOf, eventNames } from '../support/payments.js'
import { checkoutFrame, launchChromium, shot, shown, startMerchantExample, waitForEvent, type MerchantExample } from './browser-support.js'

let s: TestServer
let merchant: MerchantExample
let browser: Browser

// A setup failure (above all a missing Chromium) fails every test with its message: a failing
// beforeAll would only mark them skipped.
let setupError: unknown = null
beforeAll(async () => {
  try {
    s = await startTestServer({ subscribeAll: true })
    s.deps.runner.start(100) // webhook deliveries on real time, as `tijori serve` does
    merchant = await startMerchantExample(s.url, s.merchant.keyId, s.merchant.keySecret)
    browser = await launchChromium()
  } catch (e) {
    setupError = e
  }
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await s?.deps.runner.stop() // before the merchant server goes, so no delivery is left failing
  await merchant?.close()
  await s?.close()
})

const contexts: BrowserContext[] = []
async function newPage(viewport = { width: 1024, height: 800 }): Promise<Page> {
  if (setupError) throw setupError
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error('page error:', e.message))
  return page
}
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
})

/** Card details and OTP; with `keyboard`, both forms are submitted with Enter instead of a click. */
async function payByCard(page: Page, number: string, prefix: string, opts: { keyboard?: boolean } = {}): Promise<void> {
  const frame = checkoutFrame(page)
  await frame.getByLabel('Card number').fill(number)
  await frame.getByLabel('Expiry (MM/YY)').fill('12/30')
  await frame.getByLabel('CVV').fill('123')
  await shot(page, `${prefix}-card-details`)
  if (opts.keyboard) await frame.getByLabel('CVV').press('Enter')
  else await frame.getByRole('button', { name: /^Pay / }).click()
  await shown(frame.locator('#view-otp'))
  expect(await frame.locator(':focus').getAttribute('id')).toBe('otp') // focus moves to the OTP field
  await frame.getByLabel('One-time password').fill('123456')
  await shot(page, `${prefix}-otp`)
  if (opts.keyboard) await frame.getByLabel('One-time password').press('Enter')
  else await frame.getByRole('button', { name: 'Submit OTP' }).click()
}

/** The verified webhook events the example merchant server received for a payment. */
async function merchantWebhooks(paymentId: string): Promise<{ event: string; payment_id: string; order_id: string | null }[]> {
  return (await fetch(`${merchant.url}/events?payment_id=${paymentId}`)).json()
}

async function openCustomCheckout(page: Page, amount = 50000): Promise<void> {
  await page.goto(merchant.url + '/')
  await page.locator('#amount').fill(String(amount))
  await page.getByRole('button', { name: 'Pay with Razorpay' }).click()
  await shown(checkoutFrame(page).locator('#view-pay'))
}

describe('hosted checkout in Chromium', () => {
  it('1. custom checkout: card + OTP, the handler gets the trio, the merchant verifies it, the order is paid and the webhooks arrive', async () => {
    const page = await newPage()
    await page.goto(merchant.url + '/')
    await shot(page, '1-custom-01-merchant-page')
    await page.getByRole('button', { name: 'Pay with Razorpay' }).click()
    const frame = checkoutFrame(page)
    await shown(frame.locator('#view-pay'))
    // The order's amount and currency, the merchant's name and the prefilled contact are shown.
    expect(await frame.locator('#amount').textContent()).toContain('500.00')
    expect(await frame.locator('#currency').textContent()).toBe('INR')
    expect(await frame.locator('#merchant-name').textContent()).toBe('Acme Corp')
    expect(await frame.getByLabel('Email').inputValue()).toBe('gaurav.kumar@example.com')
    // The merchant's relative image URL is resolved against its page, not Tijori's.
    await expect.poll(() => frame.locator('#logo').evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0)
    // Every visible form control has a label.
    const unlabelled = await frame.locator('body').evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select')]
        .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.id || el.getAttribute('name')),
    )
    expect(unlabelled).toEqual([])
    await shot(page, '1-custom-02-checkout-open')
    const ready = await waitForEvent(page, 'ready')
    expect(ready.banks).toBeGreaterThan(50)
    expect(ready.emi_banks).toBeGreaterThan(5)

    await payByCard(page, '4111 1111 1111 1111', '1-custom-03', { keyboard: true })
    const response = await waitForEvent(page, 'handler')
    expect(Object.keys(response).sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature'])
    expect(await page.locator('iframe.tijori-frame').count()).toBe(0) // the modal closed

    const verified = await waitForEvent(page, 'verified')
    expect(verified).toMatchObject({ verified: true, payment: { status: 'captured', method: 'card' }, order: { status: 'paid', amount_due: 0 } })
    await shot(page, '1-custom-04-verified-and-paid')

    const order = await s.merchant.rzp.orders.fetch(response.razorpay_order_id)
    expect(order.status).toBe('paid')
    const payment = await s.merchant.rzp.payments.fetch(response.razorpay_payment_id)
    expect(payment).toMatchObject({ status: 'captured', order_id: order.id, email: 'gaurav.kumar@example.com', contact: '+919000090000' })
    expect(payment.notes).toEqual({ address: 'Razorpay Corporate Office' })
    expect(eventNames(await eventsOf(s, s.merchant.id, payment.id))).toEqual(['payment.authorized', 'payment.captured', 'order.paid'])
    // The webhooks arrive at the merchant server, which records only signature-verified ones.
    const forged = await fetch(merchant.url + '/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': '0'.repeat(64) },
      body: JSON.stringify({ event: 'payment.failed', payload: { payment: { entity: { id: payment.id } } } }),
    })
    expect(forged.status).toBe(400)
    await expect
      .poll(async () => (await merchantWebhooks(payment.id)).map((e) => e.event).sort(), { timeout: 10_000 })
      .toEqual(['order.paid', 'payment.authorized', 'payment.captured'])
    expect((await merchantWebhooks(payment.id)).find((e) => e.event === 'order.paid')?.order_id).toBe(order.id)
  })

  it('2. automatic form mode renders a Pay button and posts the fields to the form action', async () => {
    const page = await newPage()
    await page.goto(merchant.url + '/form')
    const button = page.locator('input.razorpay-payment-button')
    await shown(button)
    expect(await button.inputValue()).toBe('Pay with Razorpay')
    await shot(page, '2-form-01-button')
    await button.click()
    const frame = checkoutFrame(page)
    await shown(frame.locator('#view-pay'))
    expect(await frame.locator('#description').textContent()).toBe('Automatic checkout')
    await shot(page, '2-form-02-checkout-open')
    await payByCard(page, '4100280000001007', '2-form-03')
    await page.waitForURL(/\/purchase$/, { timeout: 15_000 })
    const fields = JSON.parse((await page.locator('#fields').textContent()) as string)
    expect(Object.keys(fields).sort()).toEqual(['hidden', 'razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature'])
    expect(fields.hidden).toBe('Hidden Element')
    const result = JSON.parse((await page.locator('#result').textContent()) as string)
    expect(result).toMatchObject({ verified: true, order: { id: fields.razorpay_order_id, status: 'paid' } })
    await shot(page, '2-form-04-posted-to-action')
  })

  it('3. a failure card shows the customer-facing error, and a retry pays the same order', async () => {
    const page = await newPage()
    await openCustomCheckout(page, 25000)
    const frame = checkoutFrame(page)
    await payByCard(page, '4100 2800 0008 0001', '3-retry-01')
    await shown(frame.locator('#view-failed'))
    expect(await frame.locator('#failed-description').textContent()).toBe(
      'Your payment could not be completed due to insufficient account balance. Try another card or payment method.',
    )
    const failure = await waitForEvent(page, 'payment.failed')
    expect(failure).toMatchObject({ code: 'BAD_REQUEST_ERROR', reason: 'insufficient_fund', metadata: { payment_id: expect.stringMatching(/^pay_/) } })
    await shot(page, '3-retry-02-failed')

    await frame.getByRole('button', { name: 'Retry' }).click()
    await shown(frame.locator('#view-pay'))
    expect(await frame.getByLabel('Card number').inputValue()).toBe('') // never kept after an attempt
    await payByCard(page, '5500 6700 0000 1002', '3-retry-03')
    const response = await waitForEvent(page, 'handler')
    expect(response.razorpay_order_id).toBe(failure.metadata.order_id)
    const verified = await waitForEvent(page, 'verified')
    expect(verified).toMatchObject({ verified: true, order: { status: 'paid' } })
    await shot(page, '3-retry-04-paid')
    const payments = await s.merchant.rzp.orders.fetchPayments(response.razorpay_order_id)
    expect(payments.items.map((p: { status: string }) => p.status).sort()).toEqual(['captured', 'failed'])
  })

  it('3b. EMI plans are listed with Razorpay.emi.calculator amounts; Escape closes the modal and modal.ondismiss runs', async () => {
    const page = await newPage()
    await openCustomCheckout(page, 500000)
    const frame = checkoutFrame(page)
    await frame.getByText('EMI', { exact: true }).click()
    await frame.getByLabel('Card issuer').selectOption('HDFC')
    const first = await frame.locator('#emi-plans li').first().textContent()
    const perMonth = await page.evaluate(() => (window as any).Razorpay.emi.calculator(500000, 3, 15)) // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(first).toContain(`3 months: ₹${(perMonth / 100).toLocaleString('en-IN', { minimumFractionDigits: 2 })} a month at 15%`)
    await shot(page, '3b-emi-plans')
    await frame.getByLabel('Card issuer').press('Escape')
    await waitForEvent(page, 'dismissed')
    expect(await page.locator('iframe.tijori-frame').count()).toBe(0)
    // Focus went back to the button that opened the checkout.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('rzp-button1')
  })

  it('3c. EMI: an HDFC plan with the EMI test card and OTP; the payment is method emi on that plan', async () => {
    const page = await newPage()
    await openCustomCheckout(page, 500000)
    const frame = checkoutFrame(page)
    await frame.getByText('EMI', { exact: true }).click()
    await frame.getByLabel('Card issuer').selectOption('HDFC')
    await frame.getByRole('button', { name: /^Pay / }).click()
    expect(await frame.locator('#emi-duration-error').textContent()).toBe('Choose an EMI plan.')
    await frame.getByLabel(/^6 months:/).check()
    await shot(page, '3c-emi-01-plan')
    await payByCard(page, '5241 8100 0000 0000', '3c-emi-02')
    const response = await waitForEvent(page, 'handler')
    const verified = await waitForEvent(page, 'verified')
    expect(verified).toMatchObject({ verified: true, payment: { status: 'captured', method: 'emi' }, order: { status: 'paid' } })
    await shot(page, '3c-emi-03-paid')
    const payment: any = await s.merchant.rzp.payments.fetch(response.razorpay_payment_id, { 'expand[]': 'emi' } as any) // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(payment.emi).toEqual({ issuer: 'HDFC', rate: 1500, duration: 6 })
  })

  it('4a. UPI at phone width: failure@razorpay fails, success@razorpay pays; the intent QR is shown', async () => {
    const page = await newPage({ width: 375, height: 740 })
    await openCustomCheckout(page, 30000)
    const frame = checkoutFrame(page)
    const fits = await frame.locator('body').evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
    expect(fits).toBe(true) // readable at phone width: nothing wider than the screen
    await frame.getByText('UPI', { exact: true }).click()
    await frame.getByText('Pay by scanning a QR code').click()
    const qr = frame.locator('#upi-qr-image')
    await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0)
    await shot(page, '4a-upi-01-qr')

    await frame.getByLabel('UPI ID').fill('failure@razorpay')
    await frame.getByRole('button', { name: /^Pay / }).click()
    await shown(frame.locator('#view-failed'))
    expect(await frame.locator('#failed-description').textContent()).toContain('Payment was unsuccessful due to a temporary issue')
    await shot(page, '4a-upi-02-failed')

    await frame.getByRole('button', { name: 'Retry' }).click()
    await frame.getByLabel('UPI ID').fill('success@razorpay')
    await frame.getByRole('button', { name: /^Pay / }).click()
    const response = await waitForEvent(page, 'handler')
    expect(response.razorpay_signature).toMatch(/^[0-9a-f]{64}$/)
    expect(await waitForEvent(page, 'verified')).toMatchObject({ verified: true, payment: { method: 'upi' }, order: { status: 'paid' } })
    await shot(page, '4a-upi-03-paid')
  })

  it('4b. netbanking through the simulated bank page (Failure), then a wallet (Success)', async () => {
    const page = await newPage({ width: 375, height: 740 })
    await openCustomCheckout(page, 40000)
    const frame = checkoutFrame(page)
    await frame.getByText('Netbanking', { exact: true }).click()
    await frame.getByLabel('Bank', { exact: true }).selectOption('HDFC')
    await shot(page, '4b-bank-01-netbanking')
    await frame.getByRole('button', { name: /^Pay / }).click()
    const bank = frame.frameLocator('#bank-frame')
    await shown(bank.getByRole('button', { name: 'Failure' }))
    expect(await bank.locator('body').textContent()).toContain('HDFC Bank')
    await shot(page, '4b-bank-02-bank-page')
    await bank.getByRole('button', { name: 'Failure' }).click()
    await shown(frame.locator('#view-failed'))
    expect(await frame.locator('#failed-description').textContent()).toBe('Payment failed')
    expect(await waitForEvent(page, 'payment.failed')).toMatchObject({ source: 'bank', reason: 'payment_failed' })
    await shot(page, '4b-bank-03-failed')

    await frame.getByRole('button', { name: 'Retry' }).click()
    await frame.getByText('Wallet', { exact: true }).click()
    await frame.getByText('PhonePe', { exact: true }).click()
    await frame.getByRole('button', { name: /^Pay / }).click()
    await shown(bank.getByRole('button', { name: 'Success' }))
    await shot(page, '4b-bank-04-wallet-page')
    await bank.getByRole('button', { name: 'Success' }).click()
    const response = await waitForEvent(page, 'handler')
    expect(Object.keys(response)).toHaveLength(3)
    expect(await waitForEvent(page, 'verified')).toMatchObject({ verified: true, payment: { method: 'wallet' }, order: { status: 'paid' } })
    await shot(page, '4b-bank-05-paid')
  })

  it('5. hosted checkout: a form POST to /v1/checkout/embedded, then the trio is posted to callback_url', async () => {
    const page = await newPage({ width: 375, height: 740 })
    const created = await fetch(merchant.url + '/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 20000 }),
    })
    const order = (await created.json()) as { id: string }
    const fields: Record<string, string> = {
      key_id: s.merchant.keyId,
      amount: '20000',
      currency: 'INR',
      order_id: order.id,
      name: 'Acme Corp',
      description: 'Hosted checkout',
      'prefill[email]': 'gaurav.kumar@example.com',
      'prefill[contact]': '+919000090000',
      method: 'upi', // preselects UPI (contact and email are prefilled)
      callback_url: merchant.url + '/purchase',
      cancel_url: merchant.url + '/',
    }
    const inputs = Object.entries(fields)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
      .join('')
    await page.setContent(`<form method="POST" action="${s.url}/v1/checkout/embedded">${inputs}<button>Checkout</button></form>`)
    await page.getByRole('button', { name: 'Checkout' }).click()
    await shown(page.locator('#view-pay'))
    expect(await page.locator('#amount').textContent()).toContain('200.00')
    expect(await page.locator('#panel-upi').isVisible()).toBe(true)
    await page.getByLabel('UPI ID').fill('success@razorpay')
    await shot(page, '5-hosted-01-page')
    await page.getByRole('button', { name: /^Pay / }).click()
    await page.waitForURL(/\/purchase$/, { timeout: 15_000 })
    const posted = JSON.parse((await page.locator('#fields').textContent()) as string)
    expect(Object.keys(posted).sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature'])
    expect(JSON.parse((await page.locator('#result').textContent()) as string)).toMatchObject({ verified: true, order: { status: 'paid' } })
    await shot(page, '5-hosted-02-callback')
  })
})
