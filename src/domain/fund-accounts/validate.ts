/**
 * Fund-account details: validation and normalisation per account type, and the documented
 * duplicate-detection fields.
 *   bank_account  name 3–120 (letters, digits, space, ’ - _ / ( ) .), IFSC of a real branch
 *                 (the `ifsc` package), account_number 5–35 alphanumerics;
 *                 dedupe on (owner, name, ifsc, account_number)
 *   vpa           address 3–100 of letters, digits, '.', '-' and exactly one '@'; dedupe on (owner, address)
 *   card          a Luhn-valid 12–19 digit number (only last4/network/type/issuer are kept); no dedupe
 *   wallet        provider amazonpay, phone +91 and 10 digits, optional email and name;
 *                 dedupe on (owner, provider, phone, email)
 */
import { classifyCard } from '../../bank/cards.js'
import { xInvalid, xRequired } from '../banking/errors.js'
import { validateHolderName } from '../contacts/service.js'
import type { BankAccountDetails, CardDetails, FundAccountDetails, VpaDetails, WalletDetails } from './entity.js'
import { bankNameOf, isKnownIfsc } from './ifsc.js'
import type { FundAccountCreate } from './schema.js'
import { isEmail } from '../../shared/email.js'

export const ACCOUNT_TYPES = ['bank_account', 'vpa', 'card', 'wallet'] as const
export type AccountType = (typeof ACCOUNT_TYPES)[number]

export interface ValidatedDetails {
  accountType: AccountType
  details: FundAccountDetails
  /** The values whose full match returns an existing fund account; null = never deduplicated. */
  identity: unknown[] | null
}


function text(v: unknown): string | null {
  if (v === undefined || v === null) return null
  const t = String(v).trim()
  return t === '' ? null : t
}

function bankAccount(b: FundAccountCreate['bank_account']): ValidatedDetails {
  if (!b) throw xRequired('bank_account')
  const name = validateHolderName(b.name, 'bank_account[name]', 3, 120)
  const ifscText = text(b.ifsc)
  if (ifscText === null) throw xRequired('bank_account[ifsc]')
  const ifsc = ifscText.toUpperCase()
  if (ifsc.length !== 11) throw xInvalid('The IFSC must be 11 characters.', 'bank_account[ifsc]')
  if (!isKnownIfsc(ifsc)) throw xInvalid(`The IFSC ${ifsc} does not belong to any bank branch.`, 'bank_account[ifsc]')
  const number = text(b.account_number)
  if (number === null) throw xRequired('bank_account[account_number]')
  if (!/^[a-zA-Z0-9]{5,35}$/.test(number)) throw xInvalid('The account number format is invalid.', 'bank_account[account_number]')
  const details: BankAccountDetails = { ifsc, bank_name: bankNameOf(ifsc), name, notes: [], account_number: number }
  return { accountType: 'bank_account', details, identity: [name, ifsc, number] }
}

const VPA = /^[a-zA-Z0-9.-]+@[a-zA-Z0-9.-]+$/

function vpa(v: FundAccountCreate['vpa']): ValidatedDetails {
  if (!v) throw xRequired('vpa')
  const address = text(v.address)
  if (address === null) throw xRequired('vpa[address]')
  if (address.length < 3 || address.length > 100 || !VPA.test(address))
    throw xInvalid('The vpa address is invalid: use 3 to 100 letters, digits, "." or "-" with exactly one "@".', 'vpa[address]')
  const at = address.indexOf('@')
  const details: VpaDetails = { username: address.slice(0, at), handle: address.slice(at + 1), address }
  return { accountType: 'vpa', details, identity: [address.toLowerCase()] }
}

function card(c: FundAccountCreate['card']): ValidatedDetails {
  if (!c) throw xRequired('card')
  if (text(c.number) === null) throw xRequired('card[number]')
  const r = classifyCard(c.number)
  if (!r.ok) throw xInvalid('The card number is invalid.', 'card[number]')
  const inputType = text(c.input_type) ?? 'card'
  if (inputType !== 'card') throw xInvalid('The selected card input type is invalid.', 'card[input_type]')
  const name = text(c.name)
  if (name !== null) validateHolderName(name, 'card[name]', 3, 120)
  const details: CardDetails = {
    name,
    last4: r.info.last4,
    network: r.info.network,
    type: r.info.type,
    issuer: r.info.issuer,
    input_type: inputType,
  }
  return { accountType: 'card', details, identity: null }
}

function wallet(w: FundAccountCreate['wallet']): ValidatedDetails {
  if (!w) throw xRequired('wallet')
  const provider = text(w.provider)
  if (provider === null) throw xRequired('wallet[provider]')
  if (provider !== 'amazonpay') throw xInvalid('The selected wallet provider is invalid.', 'wallet[provider]')
  const phoneText = text(w.phone)
  if (phoneText === null) throw xRequired('wallet[phone]')
  const digits = phoneText.replace(/[\s-]/g, '')
  const m = /^(?:\+91|91)?([0-9]{10})$/.exec(digits)
  if (!m) throw xInvalid('The wallet phone must be a 10 digit number with the country code, e.g. +919876543210.', 'wallet[phone]')
  const phone = `+91${m[1]}`
  const email = text(w.email)
  if (email !== null && !isEmail(email)) throw xInvalid('The wallet email must be a valid email address.', 'wallet[email]')
  const name = text(w.name)
  if (name !== null) validateHolderName(name, 'wallet[name]', 4, 120)
  const details: WalletDetails = { provider, phone, email, name }
  return { accountType: 'wallet', details, identity: [provider, phone, email] }
}

export function validateDetails(body: FundAccountCreate): ValidatedDetails {
  const type = text(body.account_type)
  if (type === null) throw xRequired('account_type')
  if (!(ACCOUNT_TYPES as readonly string[]).includes(type)) throw xInvalid(`Invalid account type: ${type}`, 'account_type')
  const others = ACCOUNT_TYPES.filter((t) => t !== type && body[t] !== undefined)
  if (others.length > 0)
    throw xInvalid(`${others.join(', ')} is/are not required and should not be sent`, others[0], 'extra_field_sent')
  switch (type as AccountType) {
    case 'bank_account':
      return bankAccount(body.bank_account)
    case 'vpa':
      return vpa(body.vpa)
    case 'card':
      return card(body.card)
    case 'wallet':
      return wallet(body.wallet)
  }
}
