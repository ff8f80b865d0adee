import { describe, expect, it } from 'vitest'
import { upiScenario, validateVpa, validateVpaFormat, vpaCustomerName } from '../../src/bank/upi.js'

describe('validateVpaFormat', () => {
  it.each(['success@razorpay', 'failure@razorpay', 'gauravkumar@exampleupi', 'a.b-c_d@okaxis', '9000090000@ybl'])(
    'accepts %s',
    (vpa) => {
      expect(validateVpaFormat(vpa)).toBe(true)
    },
  )

  it.each([
    '',
    'success',
    'a@razorpay', // handle too short
    'ab@r', // psp too short
    'ab@@razorpay',
    'ab@razor@pay',
    'ab@okaxis1', // digits not allowed in the psp
    'a b@okaxis',
    'ab@ok-axis',
    `${'a'.repeat(257)}@okaxis`,
    `ab@${'a'.repeat(65)}`,
    ' success@razorpay',
  ])('rejects %j', (vpa) => {
    expect(validateVpaFormat(vpa)).toBe(false)
  })

  it('accepts the length limits exactly', () => {
    expect(validateVpaFormat(`${'a'.repeat(256)}@${'b'.repeat(64)}`)).toBe(true)
  })

  it.each([undefined, null, 42, {}])('rejects non-string %j', (vpa) => {
    expect(validateVpaFormat(vpa)).toBe(false)
  })
})

describe('upiScenario', () => {
  it('failure@razorpay fails, in any case', () => {
    expect(upiScenario('failure@razorpay')).toBe('failure')
    expect(upiScenario('Failure@RazorPay')).toBe('failure')
  })

  it('success@razorpay and other VPAs succeed', () => {
    expect(upiScenario('success@razorpay')).toBe('success')
    expect(upiScenario('gauravkumar@exampleupi')).toBe('success')
    expect(upiScenario('failure@okaxis')).toBe('success')
  })
})

describe('VPA validation', () => {
  it('success@razorpay has a customer name', () => {
    expect(vpaCustomerName('success@razorpay')).toBe('Gaurav Kumar')
    expect(validateVpa('success@razorpay')).toEqual({
      ok: true,
      body: { vpa: 'success@razorpay', success: true, customer_name: 'Gaurav Kumar' },
    })
  })

  it('failure@razorpay does not exist: success false, no customer_name', () => {
    expect(vpaCustomerName('failure@razorpay')).toBeNull()
    expect(validateVpa('failure@razorpay')).toEqual({ ok: true, body: { vpa: 'failure@razorpay', success: false } })
  })

  it('a malformed VPA is an invalid_vpa error', () => {
    expect(vpaCustomerName('not-a-vpa')).toBeNull()
    const r = validateVpa('not-a-vpa')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ reason: 'invalid_vpa', field: 'vpa', code: 'BAD_REQUEST_ERROR' })
  })
})
