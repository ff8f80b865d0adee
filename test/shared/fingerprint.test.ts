/** Request fingerprints (src/shared/json.ts): the remembered ones are exactly the computed ones. */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fingerprint, stableStringify } from '../../src/shared/json.js'

const computed = (v: unknown) => createHash('sha256').update(stableStringify(v ?? {})).digest('hex')
const body = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 })

describe('fingerprint', () => {
  it('equals sha256 of the canonical form, first time and remembered (property)', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(fingerprint(b)).toBe(computed(b))
        expect(fingerprint(JSON.parse(JSON.stringify(b)))).toBe(computed(b))
      }),
    )
  })

  it('is the same for the same fields in another order, and differs when a value differs', () => {
    const a = { amount: 100, currency: 'INR', notes: { x: '1', y: '2' } }
    const b = { notes: { y: '2', x: '1' }, currency: 'INR', amount: 100 }
    expect(fingerprint(a)).toBe(fingerprint(b))
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, amount: 101 }))
    expect(fingerprint({ ...a, amount: 101 })).not.toBe(fingerprint(b)) // after both are remembered
    expect(fingerprint(undefined)).toBe(fingerprint({}))
  })

  it('keeps working past its memory bound and for bodies too large to remember', () => {
    for (let i = 0; i < 2500; i++) expect(fingerprint({ k: i })).toBe(computed({ k: i }))
    const big = { text: 'x'.repeat(10_000) }
    expect(fingerprint(big)).toBe(computed(big))
    expect(fingerprint(big)).toBe(computed(big))
  })
})
