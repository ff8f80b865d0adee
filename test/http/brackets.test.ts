/** Unit tests for src/http/brackets.ts: bracket notation for form bodies and query strings. */
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { parseBrackets, parseQuery } from '../../src/http/brackets.js'

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown

describe('parseBrackets', () => {
  it('reads flat pairs, decoding + and percent escapes', () => {
    expect(parseBrackets('amount=5000&currency=INR&receipt=a+b%2Fc%23')).toEqual({ amount: '5000', currency: 'INR', receipt: 'a b/c#' })
  })

  it('reads nested objects and arrays', () => {
    expect(plain(parseBrackets('notes[a]=b&notes[c]=d'))).toEqual({ notes: { a: 'b', c: 'd' } })
    expect(plain(parseBrackets('transfers[0][account]=acc_1&transfers[0][notes][x]=y&transfers[1][account]=acc_2'))).toEqual({
      transfers: [{ account: 'acc_1', notes: { x: 'y' } }, { account: 'acc_2' }],
    })
    expect(plain(parseBrackets('expand[]=a&expand[]=b'))).toEqual({ expand: ['a', 'b'] })
    expect(plain(parseBrackets('a[b][c][d]=1'))).toEqual({ a: { b: { c: { d: '1' } } } })
  })

  it('reads percent-encoded brackets (axios encodes them)', () => {
    expect(plain(parseBrackets('notes%5Ba%5D=b&expand%5B%5D=x'))).toEqual({ notes: { a: 'b' }, expand: ['x'] })
  })

  it('a key without "=" is an empty string; an empty key is dropped', () => {
    expect(parseBrackets('status&x=1')).toEqual({ status: '', x: '1' })
    expect(parseBrackets('=x&&y=2&')).toEqual({ y: '2' })
    expect(parseBrackets('')).toEqual({})
  })

  it('the last of repeated keys wins', () => {
    expect(parseBrackets('a=1&a=2')).toEqual({ a: '2' })
  })

  it('an object key on an array turns it into an object; a string is replaced by a container', () => {
    expect(plain(parseBrackets('a[0]=x&a[b]=y'))).toEqual({ a: { 0: 'x', b: 'y' } })
    expect(plain(parseBrackets('a=s&a[b]=y'))).toEqual({ a: { b: 'y' } })
  })

  it('keeps invalid percent escapes as they are instead of throwing', () => {
    expect(parseBrackets('a=%E0%A4%A&b=%')).toEqual({ a: '%E0%A4%A', b: '%' })
  })

  it('drops malformed bracket keys, keys deeper than 8 levels and array indexes over 1000', () => {
    expect(parseBrackets('a[b=1&c]d=2&e[f]g=3&ok=1')).toEqual({ 'c]d': '2', ok: '1' })
    expect(parseBrackets(`deep${'[x]'.repeat(9)}=1&ok=1`)).toEqual({ ok: '1' })
    expect((plain(parseBrackets('a[1001]=x&b[1000]=y')) as { b: unknown[] }).b).toHaveLength(1001)
    expect(JSON.stringify(parseBrackets('a[1001]=x'))).not.toContain('"x"')
  })

  it('returns an ordinary object (with a prototype) for the rest of the code', () => {
    const out = parseBrackets('a=1')
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
  })
})

describe('prototype pollution', () => {
  afterEach(() => {
    // Belt and braces: a failure here must not leak into other tests.
    for (const k of ['x', 'polluted', 'admin']) delete (Object.prototype as Record<string, unknown>)[k]
  })

  const attempts = [
    '__proto__[x]=1',
    '__proto__=1',
    '__proto__[admin]=true&ok=1',
    'a[__proto__][x]=1',
    'a[0][__proto__][x]=1',
    'constructor[prototype][x]=1',
    'a[constructor][prototype][x]=1',
    '%5F%5Fproto%5F%5F%5Bx%5D=1',
    '__proto__%5Bx%5D=1',
    'a[prototype][x]=1',
    '__proto__[][x]=1',
  ]
  for (const input of attempts) {
    it(`"${input}" pollutes nothing`, () => {
      const out = parseBrackets(input) as Record<string, unknown>
      expect(({} as Record<string, unknown>).x).toBeUndefined()
      expect(({} as Record<string, unknown>).admin).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty('x')
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
      expect(Object.hasOwn(out, '__proto__')).toBe(false)
      expect(Object.hasOwn(out, 'constructor')).toBe(false)
      const a = out.a as Record<string, unknown> | undefined
      if (a) expect(Object.getPrototypeOf(Array.isArray(a) ? a[0] ?? {} : a)).toBe(Object.prototype)
      expect(JSON.stringify(out)).not.toContain('"x"')
    })
  }

  it('no random input pollutes Object.prototype or throws (property)', () => {
    const token = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '[', ']', '[]', '=', '&', '%5B', '%5D', 'x', '0', '%'), fc.string({ maxLength: 4 }))
    fc.assert(
      fc.property(fc.array(token, { maxLength: 24 }).map((t) => t.join('')), (input) => {
        const out = parseBrackets(input)
        expect(typeof out).toBe('object')
        expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('x')
        expect(({} as Record<string, unknown>).x).toBeUndefined()
        expect(Object.hasOwn(out, '__proto__')).toBe(false)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('round trip with the SDK serialiser (property)', () => {
  // axios (what the SDK uses) writes nested objects as a[b][c]=v and arrays as a[0]=v or a[]=v.
  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/).filter((k) => !['constructor', 'prototype'].includes(k))
  const leaf = fc.string({ maxLength: 12 })
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('obj'), tie('arr')),
    obj: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }),
    arr: fc.array(fc.oneof(leaf, tie('obj')), { minLength: 1, maxLength: 4 }),
  }))
  function serialise(v: unknown, prefix: string, out: string[]): void {
    if (typeof v === 'string') out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(v)}`)
    else if (Array.isArray(v)) v.forEach((x, i) => serialise(x, `${prefix}[${i}]`, out))
    else for (const [k, x] of Object.entries(v as Record<string, unknown>)) serialise(x, prefix ? `${prefix}[${k}]` : k, out)
  }
  const depth = (v: unknown): number =>
    typeof v === 'string' ? 0 : 1 + Math.max(0, ...(Array.isArray(v) ? v : Object.values(v as object)).map(depth))

  it('parse(serialise(x)) equals x', () => {
    fc.assert(
      fc.property(tree.obj.filter((t) => depth(t) <= 8), (obj) => {
        const parts: string[] = []
        serialise(obj, '', parts)
        expect(plain(parseBrackets(parts.join('&')))).toEqual(obj)
      }),
      { numRuns: 500 },
    )
  })
})

describe('parseQuery', () => {
  it('folds every expand spelling into one list', () => {
    expect(parseQuery('expand[]=payments').expand).toEqual(['payments'])
    expect(parseQuery('expand[expand]=payments').expand).toEqual(['payments'])
    expect(parseQuery('expand[expand][0]=payments&expand[expand][1]=payments.card').expand).toEqual(['payments', 'payments.card'])
    expect(parseQuery('expand[]=a&expand[expand]=b').expand).toEqual(['a', 'b'])
    expect(parseQuery('expand=payments').expand).toEqual(['payments'])
    expect(parseQuery('expand=').expand).toEqual([])
    expect(parseQuery('count=10').expand).toBeUndefined()
  })

  it("reads the SDK's fetchTransferOrder query", () => {
    expect(plain(parseQuery('expand[]=transfers&status'))).toEqual({ expand: ['transfers'], status: '' })
  })
})
