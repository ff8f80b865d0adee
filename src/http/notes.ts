/**
 * `notes`: free-form key/value pairs, at most 15 keys, values at most 256 characters
 * (RT:api/understand.md). Razorpay shows empty notes as `[]` (a PHP empty array) — kept for fidelity.
 */
import { badRequest } from './errors.js'

export type Notes = Record<string, string | number | boolean | null>

export function validateNotes(notes: unknown, field = 'notes'): Notes {
  if (notes === undefined || notes === null || notes === '') return {}
  if (Array.isArray(notes)) {
    if (notes.length === 0) return {}
    throw badRequest(`The ${field} must be an array of key value pairs.`, { field })
  }
  if (typeof notes !== 'object') throw badRequest(`The ${field} must be an array of key value pairs.`, { field })
  const entries = Object.entries(notes as Record<string, unknown>)
  if (entries.length > 15) throw badRequest('Number of notes should not exceed 15', { field })
  for (const [k, v] of entries) {
    if (v !== null && typeof v === 'object') throw badRequest(`The ${field} value for ${k} must be a string.`, { field })
    if (String(v ?? '').length > 256) throw badRequest(`The ${field} value for ${k} may not be greater than 256 characters.`, { field })
  }
  // fromEntries defines own properties, so a note named "__proto__" is kept as data (an assignment
  // would have silently dropped it).
  return Object.fromEntries(entries) as Notes
}

export function notesToWire(stored: string): Notes | never[] {
  const n = JSON.parse(stored) as Notes
  return Object.keys(n).length === 0 ? [] : n
}
