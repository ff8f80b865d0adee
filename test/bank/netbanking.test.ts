import { describe, expect, it } from 'vitest'
import {
  NETBANKING_BANKS,
  WALLETS,
  bankName,
  isKnownBank,
  isKnownWallet,
  resolveBankCode,
} from '../../src/bank/netbanking.js'

describe('netbanking banks', () => {
  it('lists at least the major banks with their Razorpay names', () => {
    expect(Object.keys(NETBANKING_BANKS).length).toBeGreaterThanOrEqual(20)
    expect(NETBANKING_BANKS).toMatchObject({
      HDFC: 'HDFC Bank',
      ICIC: 'ICICI Bank',
      SBIN: 'State Bank of India',
      UTIB: 'Axis Bank',
      KKBK: 'Kotak Mahindra Bank',
      YESB: 'Yes Bank',
      PUNB_R: 'Punjab National Bank - Retail Banking',
      BARB_R: 'Bank of Baroda - Retail Banking',
      IDIB: 'Indian Bank',
      IOBA: 'Indian Overseas Bank',
      CNRB: 'Canara Bank',
      UBIN: 'Union Bank of India',
      INDB: 'Indusind Bank',
      FDRL: 'Federal Bank',
      IDFB: 'IDFC FIRST Bank',
      RATN: 'RBL Bank',
      AUBL: 'AU Small Finance Bank',
      CIUB: 'City Union Bank',
      KARB: 'Karnataka Bank',
      SIBL: 'South Indian Bank',
    })
  })

  it('uses only 4-letter codes, optionally with a _C/_R suffix', () => {
    for (const code of Object.keys(NETBANKING_BANKS)) expect(code).toMatch(/^[A-Z]{4}(_[CR])?$/)
  })

  it('knows listed codes and the PUNB/BARB aliases, nothing else', () => {
    expect(isKnownBank('HDFC')).toBe(true)
    expect(isKnownBank('PUNB')).toBe(true)
    expect(resolveBankCode('PUNB')).toBe('PUNB_R')
    expect(resolveBankCode('BARB')).toBe('BARB_R')
    expect(bankName('BARB')).toBe('Bank of Baroda - Retail Banking')
    expect(isKnownBank('hdfc')).toBe(false)
    expect(isKnownBank('XXXX')).toBe(false)
    expect(isKnownBank('toString')).toBe(false)
    expect(isKnownBank(undefined)).toBe(false)
    expect(bankName('XXXX')).toBeNull()
  })

  it('is frozen', () => {
    expect(Object.isFrozen(NETBANKING_BANKS)).toBe(true)
  })
})

describe('wallets', () => {
  it('lists the documented wallet codes', () => {
    expect(Object.keys(WALLETS).sort()).toEqual(
      ['airtelmoney', 'amazonpay', 'bajajpay', 'jiomoney', 'mobikwik', 'olamoney', 'paypal', 'payzapp', 'phonepe'],
    )
  })

  it('matches codes exactly', () => {
    expect(isKnownWallet('payzapp')).toBe(true)
    expect(isKnownWallet('PayZapp')).toBe(false)
    expect(isKnownWallet('freecharge')).toBe(false)
    expect(isKnownWallet('constructor')).toBe(false)
  })
})
