/**
 * No card number or CVV is stored or logged: pay through the checkout (success, a refused number,
 * a failure), with the server logging at `trace`, then search the log and the database files.
 */
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { createMerchant } from '../../src/domain/merchants/service.js'
import { openSqlite } from '../../src/store/sqlite/open.js'

describe('card data through the checkout', () => {
  it('is neither logged nor stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tijori-checkout-'))
    const file = join(dir, 'tijori.db')
    const store = openSqlite({ file })
    const lines: string[] = []
    const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) })
    const { app, deps } = buildApp({ store, log })
    await app.ready()
    try {
      const { key } = await createMerchant(store, deps.clock, { name: 'Card data' })
      const auth = 'Basic ' + Buffer.from(`${key.keyId}:${key.keySecret}`).toString('base64')
      const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
        app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } })
      const order = (await post('/v1/orders', { amount: 10000, currency: 'INR' }, { authorization: auth })).json()
      const pay = (number: string, cvv: string) =>
        post('/v1/checkout/payments', {
          key_id: key.keyId,
          order_id: order.id,
          amount: 10000,
          currency: 'INR',
          email: 'a@example.com',
          contact: '9000090000',
          method: 'card',
          card: { number, expiry_month: '12', expiry_year: '39', cvv, name: 'A' },
        })
      const failed = (await pay('4100280000080001', '739')).json()
      await post(`/v1/checkout/payments/${failed.payment_id}/otp`, { key_id: key.keyId, otp: '1234' })
      expect((await pay('4111111111111112', '739')).statusCode).toBe(400)
      const ok = (await pay('5500670000001002', '739')).json()
      expect((await post(`/v1/checkout/payments/${ok.payment_id}/otp`, { key_id: key.keyId, otp: '1234' })).json().status).toBe('authorized')
      // A body that breaks the schema goes through the error handler's logging path too.
      expect((await post('/v1/checkout/payments', { key_id: key.keyId, card: { number: '5500670000001002', cvv: '739' } })).statusCode).toBe(400)
    } finally {
      await app.close()
      await store.close()
    }
    const logged = lines.join('\n')
    const stored = ['', '-wal', '-shm']
      .map((suffix) => file + suffix)
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n')
    rmSync(dir, { recursive: true, force: true })
    for (const number of ['4100280000080001', '5500670000001002', '4111111111111112']) {
      expect(logged).not.toContain(number)
      expect(stored).not.toContain(number)
    }
    expect(logged).not.toContain('"cvv"')
    expect(stored).not.toContain('"cvv"')
  })
})
