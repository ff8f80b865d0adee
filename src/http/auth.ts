/**
 * HTTP Basic `key_id:key_secret`, exactly as Razorpay reads it: the scheme must be `Basic` with that
 * capitalisation (RT:api/authentication.md). Secrets are compared in constant time. Keys are cached
 * for a few seconds so the hot path does no query; a rotated or revoked key stops working within
 * that TTL in every process.
 */
import type { Store } from '../store/store.js'
import { merchantStore } from '../domain/merchants/store.js'
import { safeEqual } from '../shared/crypto.js'
import { errors } from './errors.js'

export interface Merchant {
  id: string
  keyId: string
  keySecret: string
  /**
   * Set when the request acts as a Route linked account (X-Razorpay-Account, domain/accounts/acting.ts):
   * `id` is then the linked account's id and `parentId` the authenticated merchant's.
   */
  parentId?: string
}

interface Cached {
  merchantId: string
  secret: string
  revoked: boolean
}

interface Entry {
  /** null: no such key (cached too, so unknown ids cost no query either). */
  value: Cached | null
  expires: number
}

/** An Authorization header that was checked in full, until its key's cache entry expires. */
interface Verified {
  merchantId: string
  keyId: string
  keySecret: string
  expires: number
}

/** How long a key lookup is trusted; a rotated or revoked key stops working within this. */
export const AUTH_CACHE_TTL_MS = 5000
const MAX_ENTRIES = 10_000
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/

export class Authenticator {
  private cache = new Map<string, Entry>()
  /**
   * Headers that passed, by their exact text: a client sends the same header on every request, and
   * decoding it and comparing the secret in constant time (two SHA-256 digests) cost ~6 µs a
   * request. Only a header that carried the right secret gets here, so a hit tells nothing that
   * the answer would not; it expires with its key's entry, so rotation works as before.
   */
  private verified = new Map<string, Verified>()

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    /**
     * Runs for every authenticated merchant (the app brings its clock up to date here); returns a
     * promise only when there is something to wait for.
     */
    private readonly onMerchant: (merchantId: string) => Promise<void> | undefined = () => undefined,
  ) {}

  /**
   * The merchant a header authenticates, or a Razorpay error. A header verified before (the usual
   * case: a client sends the same one every time) answers synchronously, without a promise: this
   * runs on every request.
   */
  authenticate(header: string | undefined): Merchant | Promise<Merchant> {
    const seen = header === undefined ? undefined : this.verified.get(header)
    if (seen !== undefined && seen.expires > this.now()) {
      const merchant = { id: seen.merchantId, keyId: seen.keyId, keySecret: seen.keySecret }
      const pending = this.onMerchant(seen.merchantId)
      return pending === undefined ? merchant : pending.then(() => merchant)
    }
    return this.verify(header)
  }

  private async verify(header: string | undefined): Promise<Merchant> {
    if (!header || !header.startsWith('Basic ')) throw errors.authMissing()
    // Node's base64 decoder skips characters outside the alphabet, so `Basic "…"` would decode;
    // Razorpay refuses quoted or otherwise decorated credentials (RT:api/authentication.md).
    const encoded = header.slice(6).trim()
    if (!BASE64.test(encoded)) throw errors.authMissing()
    const decoded = Buffer.from(encoded, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon <= 0) throw errors.authMissing()
    const keyId = decoded.slice(0, colon)
    const secret = decoded.slice(colon + 1)
    const { value: key, expires } = await this.lookup(keyId)
    if (!key || key.revoked) throw errors.authKeyInvalid()
    if (!safeEqual(secret, key.secret)) throw errors.authFailed()
    if (this.verified.size >= MAX_ENTRIES) this.verified.clear()
    this.verified.set(header, { merchantId: key.merchantId, keyId, keySecret: key.secret, expires })
    await this.onMerchant(key.merchantId)
    return { id: key.merchantId, keyId, keySecret: key.secret }
  }

  private async lookup(keyId: string): Promise<Entry> {
    const hit = this.cache.get(keyId)
    if (hit !== undefined && hit.expires > this.now()) return hit
    const row = await merchantStore.findKey(this.store.db, keyId)
    const value = row ? { merchantId: row.merchant_id, secret: row.secret, revoked: row.revoked_at !== null } : null
    // Bounded: random key ids (a scan, a misconfigured client) must not grow the map forever.
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear()
    const entry = { value, expires: this.now() + AUTH_CACHE_TTL_MS }
    this.cache.set(keyId, entry)
    return entry
  }
}
