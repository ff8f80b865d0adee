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
}

interface Cached {
  merchantId: string
  secret: string
  revoked: boolean
  expires: number
}

const TTL_MS = 5000

export class Authenticator {
  private cache = new Map<string, Cached | null>()
  private expiry = new Map<string, number>()

  constructor(private readonly store: Store) {}

  async authenticate(header: string | undefined): Promise<Merchant> {
    if (!header || !header.startsWith('Basic ')) throw errors.authMissing()
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon <= 0) throw errors.authMissing()
    const keyId = decoded.slice(0, colon)
    const secret = decoded.slice(colon + 1)
    const key = await this.lookup(keyId)
    if (!key || key.revoked) throw errors.authKeyInvalid()
    if (!safeEqual(secret, key.secret)) throw errors.authFailed()
    return { id: key.merchantId, keyId, keySecret: key.secret }
  }

  private async lookup(keyId: string): Promise<Cached | null> {
    const now = Date.now()
    const hit = this.cache.get(keyId)
    if (hit !== undefined && (this.expiry.get(keyId) ?? 0) > now) return hit
    const row = await merchantStore.findKey(this.store.db, keyId)
    const value = row
      ? { merchantId: row.merchant_id, secret: row.secret, revoked: row.revoked_at !== null, expires: now + TTL_MS }
      : null
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(keyId, value)
    this.expiry.set(keyId, now + TTL_MS)
    return value
  }
}
