import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkOtp } from '../../src/bank/otp.js'

describe('checkOtp', () => {
  it.each(['1234', '0000', '123456', '1234567890'])('%s (4–10 digits) is ok', (otp) => {
    expect(checkOtp(otp)).toBe('ok')
  })

  it.each(['1', '12', '123', '000'])('%s (1–3 digits) fails authentication', (otp) => {
    expect(checkOtp(otp)).toBe('fail')
  })

  it.each(['', '12345678901', 'abcd', '12 34', '１２３４', '-123', '1234\n', undefined, null, true, {}, 1.5, -1234])(
    '%j is invalid',
    (otp) => {
      expect(checkOtp(otp)).toBe('invalid')
    },
  )

  it('reads numbers as their digits', () => {
    expect(checkOtp(123456)).toBe('ok')
    expect(checkOtp(123)).toBe('fail')
    expect(checkOtp(12345678901)).toBe('invalid')
  })

  it('property: digit strings are ok iff 4–10 long, fail iff 1–3 long', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,14}$/), (otp) => {
        const expected = otp.length <= 3 ? 'fail' : otp.length <= 10 ? 'ok' : 'invalid'
        return checkOtp(otp) === expected
      }),
    )
  })
})
