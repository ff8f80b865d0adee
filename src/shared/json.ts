/** JSON helpers: stable stringify for request fingerprints, and tolerant parsing of stored columns. */
import { createHash } from 'node:crypto'

export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return '[' + v.map(stableStringify).join(',') + ']'
  const keys = Object.keys(v as Record<string, unknown>).sort()
  return (
    '{' +
    keys
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => JSON.stringify(k) + ':' + stableStringify((v as Record<string, unknown>)[k]))
      .join(',') +
    '}'
  )
}

/** sha256 of the canonical form of a request body: equal for the same fields in any order. */
export function fingerprint(v: unknown): string {
  return createHash('sha256').update(stableStringify(v ?? {})).digest('hex')
}

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T)
}
