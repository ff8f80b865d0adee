import { describe, expect, it } from 'vitest'
import { classifyCard, validateCvv, validateExpiry, type CardInfo } from '../../src/bank/cards.js'
import { networkFromIin } from '../../src/bank/networks.js'

function info(n: unknown): CardInfo & { scenario: string } {
  const r = classifyCard(n)
  if (!r.ok) throw new Error(`expected ${String(n)} to classify, got ${r.error.description}`)
  return { ...r.info, scenario: r.scenario }
}

describe('classifyCard: documented cards', () => {
  it.each([
    ['4100 2800 0000 1007', 'Visa', '1007'],
    ['5500 6700 0000 1002', 'MasterCard', '1002'],
    ['6527 6589 0000 1005', 'RuPay', '1005'],
    ['3608 280009 1007', 'Diners Club', '1007'],
    ['3402 560004 01007', 'American Express', '1007'],
  ])('domestic success card %s is %s', (n, network, last4) => {
    expect(info(n)).toMatchObject({ network, last4, international: false, emi: false, scenario: 'success' })
  })

  it.each([
    ['4100280000090000', 'Visa', 'payment_timed_out'],
    ['5305620000060000', 'MasterCard', 'payment_timed_out'],
    ['4100280000080001', 'Visa', 'insufficient_fund'],
    ['5305620000050001', 'MasterCard', 'insufficient_fund'],
    ['4100280000070002', 'Visa', 'payment_cancelled'],
    ['5305620000040002', 'MasterCard', 'payment_cancelled'],
    ['4100280000060003', 'Visa', 'card_declined'],
    ['4100280000050004', 'Visa', 'card_declined'],
    ['4100280000040005', 'Visa', 'card_declined'],
    ['5305620000030003', 'MasterCard', 'card_declined'],
    ['5305620000020004', 'MasterCard', 'card_declined'],
    ['5305620000010005', 'MasterCard', 'card_declined'],
    ['4100280000030006', 'Visa', 'card_disabled_for_online_payments'],
    ['5305620000000006', 'MasterCard', 'card_disabled_for_online_payments'],
    ['4100280000010008', 'Visa', 'card_number_invalid'],
    ['5305620000080008', 'MasterCard', 'card_number_invalid'],
    ['4100280000020007', 'Visa', 'gateway_technical_error'],
    ['5305620000090007', 'MasterCard', 'gateway_technical_error'],
    ['4100280000000009', 'Visa', 'authentication_failed'],
    ['5305620000070009', 'MasterCard', 'authentication_failed'],
  ])('error card %s (%s) plays %s', (n, network, scenario) => {
    expect(info(n)).toMatchObject({ network, scenario, international: false })
  })

  it.each([
    ['5555 5555 5555 4444', 'MasterCard'],
    ['5105 1051 0510 5100', 'MasterCard'],
    ['5104 0600 0000 0008', 'MasterCard'],
    ['4012 8888 8888 1881', 'Visa'],
    ['4000 1841 8621 8826', 'Visa'],
    ['5104 0155 5555 5558', 'MasterCard'],
  ])('international card %s', (n, network) => {
    expect(info(n)).toMatchObject({ network, international: true, issuer: null, scenario: 'success' })
  })

  it('subscription cards carry their documented type', () => {
    expect(info('4718609108204366')).toMatchObject({ network: 'Visa', type: 'credit', international: false })
    expect(info('5104015555555558')).toMatchObject({ type: 'credit', international: true })
    expect(info('5104060000000008')).toMatchObject({ type: 'debit', international: true })
  })

  it('the EMI card is EMI-capable with an issuer that has EMI plans', () => {
    expect(info('5241810000000000')).toMatchObject({ network: 'MasterCard', emi: true, issuer: 'HDFC' })
  })

  it('legacy 4111 1111 1111 1111 is a domestic Visa success card', () => {
    expect(info('4111111111111111')).toMatchObject({
      network: 'Visa',
      international: false,
      scenario: 'success',
      last4: '1111',
      iin: '411111',
    })
  })

  it('strips whitespace and reports iin and last4', () => {
    expect(info(' 4100 2800\t0008 0001 ')).toMatchObject({ iin: '410028', last4: '0001', scenario: 'insufficient_fund' })
  })
})

describe('classifyCard: other numbers', () => {
  it.each([
    ['4242424242424242', 'Visa'],
    ['2223003122003222', 'MasterCard'],
    ['378282246310005', 'American Express'],
    ['30569309025904', 'Diners Club'],
    ['38520000023237', 'Diners Club'],
    ['6011111111111117', 'RuPay'],
    ['8100000000000002', 'RuPay'],
    ['5081000000000001', 'RuPay'],
    ['6759649826438453', 'Maestro'],
    ['5018000000000009', 'Maestro'],
    ['3530111333300000', 'Unknown'],
    ['9999999999999995', 'Unknown'],
  ])('unknown Luhn-valid %s succeeds as %s', (n, network) => {
    expect(info(n)).toMatchObject({ network, scenario: 'success', type: 'unknown', issuer: null, international: false })
  })

  it.each([
    ['4111111111111112', 'Luhn failure'],
    ['41111111111', 'too short (11)'],
    ['41111111111111111111', 'too long (20)'],
    ['4111-1111-1111-1111', 'hyphens'],
    ['4111x11111111111', 'letters'],
    [{ number: '4111111111111111' }, 'an object'],
    [4.5, 'a fraction'],
  ])('rejects %j (%s) as an invalid card number', (n: unknown, _why: string) => {
    const r = classifyCard(n)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toMatchObject({
        code: 'BAD_REQUEST_ERROR',
        description: 'The card number is invalid.',
        field: 'card[number]',
        reason: 'input_validation_failed',
      })
    }
  })

  it.each([[undefined], [null], ['']])('a missing number (%j) is a required-field error', (n) => {
    const r = classifyCard(n)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ description: 'The card[number] field is required.', field: 'card[number]' })
  })

  it('accepts a numeric (safe integer) number', () => {
    expect(info(411111111111116)).toMatchObject({ network: 'Visa', last4: '1116' })
  })
})

describe('networkFromIin', () => {
  it.each([
    ['2221', 'MasterCard'],
    ['2720', 'MasterCard'],
    ['2220', 'Unknown'],
    ['2721', 'Unknown'],
    ['300', 'Diners Club'],
    ['305', 'Diners Club'],
    ['306', 'Unknown'],
    ['51', 'MasterCard'],
    ['55', 'MasterCard'],
    ['56', 'Maestro'],
    ['58', 'Maestro'],
    ['59', 'Unknown'],
    ['62', 'Maestro'],
    ['65', 'RuPay'],
    ['82', 'RuPay'],
    ['83', 'Unknown'],
    ['', 'Unknown'],
    ['x4', 'Unknown'],
  ])('%s → %s', (iin, network) => {
    expect(networkFromIin(iin)).toBe(network)
  })
})

describe('validateExpiry', () => {
  const now = { year: 2025, month: 6 }

  it.each([
    ['6', '2025'],
    ['06', '25'],
    [12, 2025],
    ['1', '2026'],
    ['01', '99'],
    ['12', '2080'],
  ])('accepts %j/%j (not in the past)', (m, y) => {
    expect(validateExpiry(m, y, now)).toBeNull()
  })

  it('rejects a past month of this year on card[expiry_month]', () => {
    expect(validateExpiry('5', '2025', now)).toMatchObject({
      code: 'BAD_REQUEST_ERROR',
      reason: 'card_expired',
      field: 'card[expiry_month]',
    })
  })

  it('rejects a past year on card[expiry_year], 2- or 4-digit', () => {
    expect(validateExpiry('12', '24', now)).toMatchObject({ reason: 'card_expired', field: 'card[expiry_year]' })
    expect(validateExpiry('12', '2024', now)).toMatchObject({ reason: 'card_expired', field: 'card[expiry_year]' })
  })

  it.each([['0'], ['13'], ['ab'], ['123'], [1.5], [-1]])('rejects month %j', (m) => {
    expect(validateExpiry(m, '2030', now)).toMatchObject({
      reason: 'input_validation_failed',
      field: 'card[expiry_month]',
    })
  })

  it.each([['2'], ['202'], ['20301'], ['20x0']])('rejects year %j', (y) => {
    expect(validateExpiry('1', y, now)).toMatchObject({
      reason: 'input_validation_failed',
      field: 'card[expiry_year]',
    })
  })

  it('reports missing fields as required', () => {
    expect(validateExpiry(undefined, '2030', now)).toMatchObject({ description: 'The card[expiry_month] field is required.' })
    expect(validateExpiry('1', '', now)).toMatchObject({ description: 'The card[expiry_year] field is required.' })
  })
})

describe('validateCvv', () => {
  it('takes any 3 digits for non-Amex networks', () => {
    for (const network of ['Visa', 'MasterCard', 'RuPay', 'Diners Club', 'Maestro', 'Unknown']) {
      expect(validateCvv('000', network)).toBeNull()
      expect(validateCvv('1234', network)).toMatchObject({ field: 'card[cvv]', description: 'The cvv must be 3 digits.' })
    }
  })

  it('needs 4 digits for American Express', () => {
    expect(validateCvv('1234', 'American Express')).toBeNull()
    expect(validateCvv('123', 'American Express')).toMatchObject({
      field: 'card[cvv]',
      description: 'The cvv must be 4 digits for American Express cards.',
    })
  })

  it.each([['12'], ['12a'], [' 123'], [{}]])('rejects %j', (cvv) => {
    expect(validateCvv(cvv, 'Visa')).toMatchObject({ reason: 'input_validation_failed', field: 'card[cvv]' })
  })

  it('accepts a numeric cvv of the right length and reports a missing one', () => {
    expect(validateCvv(123, 'Visa')).toBeNull()
    expect(validateCvv(undefined, 'Visa')).toMatchObject({ description: 'The card[cvv] field is required.' })
  })
})
