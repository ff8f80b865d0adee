/** The customer and customer bank account entities (RT:api/customers/entity.md, bank-accounts.md). */
import { notesToWire, type Notes } from '../../http/notes.js'
import type { CustomerBankAccountRow, CustomerRow } from './store.js'

export interface CustomerWire {
  id: string
  entity: 'customer'
  name: string | null
  email: string | null
  contact: string | null
  gstin: string | null
  notes: Notes | never[]
  created_at: number
}

export function customerToWire(c: CustomerRow): CustomerWire {
  return {
    id: c.id,
    entity: 'customer',
    name: c.name,
    email: c.email,
    contact: c.contact,
    gstin: c.gstin,
    notes: notesToWire(c.notes),
    created_at: c.created_at,
  }
}

/** Account numbers are shown masked, all but the last four digits, as the docs' samples do. */
export function maskAccountNumber(n: string): string {
  return n.length <= 4 ? n : 'X'.repeat(n.length - 4) + n.slice(-4)
}

export function bankAccountToWire(b: CustomerBankAccountRow) {
  return {
    id: b.id,
    entity: 'bank_account' as const,
    ifsc: b.ifsc,
    bank_name: b.bank_name,
    name: b.name,
    notes: [] as never[],
    account_number: maskAccountNumber(b.account_number),
  }
}

/** What DELETE answers (RT:api/customers/bank-accounts.md, "status": "deleted"). */
export function deletedBankAccountToWire(b: CustomerBankAccountRow) {
  return {
    id: b.id,
    ifsc: b.ifsc,
    bank_name: b.bank_name,
    name: b.name,
    account_number: maskAccountNumber(b.account_number),
    status: 'deleted' as const,
  }
}
