/**
 * The QR encoder behind the UPI intent QR. Structure is checked against the standard (finder and
 * timing patterns, format information, version information); two whole symbols are pinned by hash —
 * both were decoded with an independent QR reader (jsQR) when this encoder was written.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { qrMatrix, qrSvg } from '../../src/checkout/qr.js'
import { upiIntentUrl } from '../../src/checkout/upi-qr.js'

const hash = (m: boolean[][]) =>
  createHash('sha256')
    .update(m.map((r) => r.map((c) => (c ? '1' : '0')).join('')).join('\n'))
    .digest('hex')

function finderAt(m: boolean[][], x0: number, y0: number): boolean {
  for (let y = 0; y < 7; y++)
    for (let x = 0; x < 7; x++) {
      const d = Math.max(Math.abs(x - 3), Math.abs(y - 3))
      if (m[y0 + y][x0 + x] !== (d !== 2)) return false
    }
  return true
}

/** The 15 format bits read from the copy around the top-left finder, unmasked. */
function formatBits(m: boolean[][]): number {
  const cells: [number, number][] = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]]
  let bits = 0
  cells.forEach(([x, y], i) => (bits |= (m[y][x] ? 1 : 0) << i))
  return bits ^ 0x5412
}

describe('QR encoder', () => {
  it('pins two symbols verified with an independent reader', () => {
    expect(hash(qrMatrix('HELLO WORLD'))).toBe('1e387bd8b7a170bfa73b461bab560d96940b4421c42ed9c4d787a62c0a0166fa')
    expect(hash(qrMatrix('upi://pay?pa=test@tijori&pn=Acme%20Corp&am=500.00&cu=INR&tr=order_0Pz3kB1cQ7xYt2'))).toBe(
      '6ef2b2fe8d6af431aeb2845903345c8dfb55d2d9944a1e3a3f636a65539534cd',
    )
  })

  it.each([
    [1, 21],
    [14, 21], // version 1-M holds 14 bytes
    [15, 25],
    [120, 45], // version 7
    [213, 57], // version 10-M holds 213 bytes
  ])('%i bytes make a %i-module symbol with finders, timing and level-M format bits', (len, size) => {
    const m = qrMatrix('a'.repeat(len))
    expect(m.length).toBe(size)
    expect(finderAt(m, 0, 0) && finderAt(m, size - 7, 0) && finderAt(m, 0, size - 7)).toBe(true)
    for (let i = 8; i < size - 8; i++) expect(m[6][i]).toBe(i % 2 === 0)
    const f = formatBits(m)
    expect(f >>> 13).toBe(0) // error-correction level M
    // BCH(15,5): the remainder of the whole word by the generator is 0.
    let rem = f
    for (let i = 14; i >= 10; i--) if (rem & (1 << i)) rem ^= 0x537 << (i - 10)
    expect(rem).toBe(0)
    expect(m[size - 8][8]).toBe(true) // the dark module
  })

  it('writes version information from version 7 on', () => {
    const m = qrMatrix('a'.repeat(120))
    const n = m.length
    let bits = 0
    for (let i = 0; i < 18; i++) bits |= (m[Math.floor(i / 3)][n - 11 + (i % 3)] ? 1 : 0) << i
    expect(bits >>> 12).toBe(7)
  })

  it('refuses payloads over 213 bytes', () => {
    expect(() => qrMatrix('a'.repeat(214))).toThrow(/too long/)
  })

  it('draws an SVG with a quiet zone and an accessible title', () => {
    const svg = qrSvg('hi', 'A <test> QR')
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 29 29"/)
    expect(svg).toContain('<title>A &lt;test&gt; QR</title>')
  })

  it('builds a upi://pay link in major units', () => {
    const url = upiIntentUrl({ merchantId: 'acc_0Pz3kB1cQ7xYt2', name: 'Acme Corp', amount: 50000, currency: 'INR', orderId: 'order_1' })
    expect(url).toBe('upi://pay?pa=0pz3kb1cq7xyt2@tijori&pn=Acme%20Corp&am=500.00&cu=INR&tr=order_1')
  })
})
