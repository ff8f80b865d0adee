import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { luhnValid } from '../../src/bank/luhn.js'
import { TEST_CARDS } from '../../src/bank/test-cards.js'

/** The check digit that makes `body + d` Luhn-valid, computed independently of the module. */
function checkDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

describe('luhnValid', () => {
  it.each(TEST_CARDS.map((c) => [c.number]))('accepts documented test card %s', (n) => {
    expect(luhnValid(n)).toBe(true)
  })

  it('covers all 34 documented test cards', () => {
    expect(TEST_CARDS).toHaveLength(34)
  })

  it.each(['4111111111111112', '4100280000001008', '5500670000001003', '1'])('rejects %s', (n) => {
    expect(luhnValid(n)).toBe(false)
  })

  it.each(['', '4111 1111 1111 1111', '4111-1111-1111-1111', '41111111111111a1', '-0'])(
    'rejects non-digit input %j',
    (n) => {
      expect(luhnValid(n)).toBe(false)
    },
  )

  it('accepts all-zero and the classic 79927398713', () => {
    expect(luhnValid('0000000000000000')).toBe(true)
    expect(luhnValid('79927398713')).toBe(true)
  })

  it('property: appending the check digit makes any digit string valid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,24}$/), (body) => luhnValid(body + String(checkDigit(body)))),
    )
  })

  it('property: changing any single digit of a valid number invalidates it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{11,18}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const valid = body + String(checkDigit(body))
          const i = pos % valid.length
          const changed = valid.slice(0, i) + String((Number(valid[i]) + delta) % 10) + valid.slice(i + 1)
          return !luhnValid(changed)
        },
      ),
    )
  })
})
