/** The contact as RazorpayX shows it (RT:api/x/contacts/entity.md). */
import { notesToWire, type Notes } from '../../http/notes.js'
import type { ContactRow } from './store.js'

export interface ContactWire {
  id: string
  entity: 'contact'
  name: string
  contact: string | null
  email: string | null
  type: string | null
  reference_id: string | null
  batch_id: string | null
  active: boolean
  notes: Notes | never[]
  created_at: number
}

export function contactToWire(c: ContactRow): ContactWire {
  return {
    id: c.id,
    entity: 'contact',
    name: c.name,
    contact: c.contact,
    email: c.email,
    type: c.type,
    reference_id: c.reference_id,
    batch_id: c.batch_id,
    active: c.active === 1,
    notes: notesToWire(c.notes),
    created_at: c.created_at,
  }
}
