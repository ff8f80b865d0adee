/**
 * Bracket-notation parsing for form bodies and query strings, the way Razorpay's PHP API reads them:
 *   notes[a]=b               → { notes: { a: 'b' } }
 *   transfers[0][account]=x  → { transfers: [ { account: 'x' } ] }
 *   expand[]=a&expand[]=b    → { expand: ['a', 'b'] }
 *   status                   → { status: '' }
 * The SDK sends these (axios' serializer for GET params; form bodies when a user opts in).
 * Keys that would reach Object.prototype are dropped.
 */
type Node = Record<string, unknown> | unknown[]

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])
const MAX_DEPTH = 8
const MAX_INDEX = 1000

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

function splitKey(key: string): string[] | null {
  const open = key.indexOf('[')
  if (open <= 0) return [key]
  const parts = [key.slice(0, open)]
  const re = /\[([^\[\]]*)\]/g
  re.lastIndex = open
  let m: RegExpExecArray | null
  let end = open
  while ((m = re.exec(key)) !== null) {
    if (m.index !== end) return null
    parts.push(m[1])
    end = re.lastIndex
    if (parts.length > MAX_DEPTH) return null
  }
  if (end !== key.length) return null
  return parts
}

function assign(root: Record<string, unknown>, path: string[], value: string): void {
  let node: Node = root
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]
    const last = i === path.length - 1
    if (FORBIDDEN.has(seg)) return
    if (Array.isArray(node)) {
      const idx = seg === '' ? node.length : Number(seg)
      if (!Number.isInteger(idx) || idx < 0 || idx > MAX_INDEX) return
      if (last) {
        node[idx] = value
        return
      }
      node[idx] ??= path[i + 1] === '' || /^\d+$/.test(path[i + 1]) ? [] : {}
      node = node[idx] as Node
    } else {
      if (last) {
        node[seg] = value
        return
      }
      const nextIsArray = path[i + 1] === '' || /^\d+$/.test(path[i + 1])
      const existing: unknown = node[seg]
      if (existing === undefined || typeof existing !== 'object' || existing === null) {
        node[seg] = nextIsArray ? [] : {}
      } else if (Array.isArray(existing) && !nextIsArray) {
        node[seg] = Object.fromEntries(existing.map((v, k) => [String(k), v]))
      }
      node = node[seg] as Node
    }
  }
}

/** Parses `a=1&b[c]=2` into nested objects and arrays. */
export function parseBrackets(input: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null)
  if (!input) return out
  for (const pair of input.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq))
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1))
    const path = splitKey(rawKey)
    if (!path || path[0] === '') continue
    assign(out, path, value)
  }
  return { ...out }
}

/**
 * Query strings additionally fold the SDK's expand variants into one list:
 * `expand[]=x`, `expand[expand]=x` and `expand[expand][0]=x` all become `expand: ['x']`.
 */
export function parseQuery(input: string): Record<string, unknown> {
  const q = parseBrackets(input)
  if (q.expand !== undefined) q.expand = flattenStrings(q.expand)
  return q
}

function flattenStrings(v: unknown): string[] {
  if (typeof v === 'string') return v === '' ? [] : [v]
  if (Array.isArray(v)) return v.flatMap(flattenStrings)
  if (v && typeof v === 'object') return Object.values(v).flatMap(flattenStrings)
  return []
}
