/**
 * Merchants and their test-mode API keys. A key id is `rzp_test_` + 14 base62 characters and a
 * secret is 24 base62 characters, as on Razorpay's dashboard. The secret is kept because Tijori
 * must sign payments with it (razorpay_signature = HMAC(order_id|payment_id, key_secret)).
 */
import type { Clock } from '../../clock/clock.js'
import { newId, newIdBody, randomToken } from '../../shared/ids.js'
import type { Store } from '../../store/store.js'
import type { Db, MerchantRow } from '../../store/schema.js'
import { merchantStore } from './store.js'
import { isEmail } from '../../shared/email.js'

export interface KeyPair {
  keyId: string
  keySecret: string
}

const KEY_ID = /^rzp_(test|live)_[A-Za-z0-9]{4,40}$/

export function newKeyPair(): KeyPair {
  return { keyId: `rzp_test_${newIdBody()}`, keySecret: randomToken(24) }
}

export async function createMerchant(
  store: Store,
  clock: Clock,
  input: { name?: string; email?: string | null; key?: KeyPair },
): Promise<{ merchant: MerchantRow; key: KeyPair }> {
  const key = input.key ?? newKeyPair()
  checkKeyPair(key)
  checkProfile(input)
  return store.write(async (tx) => {
    if (await merchantStore.findKey(tx, key.keyId)) throw new Error(`Key ${key.keyId} already exists`)
    return { merchant: await insertMerchant(tx, clock, input, key), key }
  })
}

/**
 * Makes sure a merchant with exactly this key pair exists (TIJORI_KEY_ID/SECRET). If the key id
 * exists with another secret, the stored secret is replaced: the environment is the source of truth.
 * Check and create are one transaction, so several processes starting together on one database
 * (PostgreSQL) end up with one merchant: the losers' transactions re-run and find the winner's key.
 */
export async function ensureMerchantWithKey(store: Store, clock: Clock, key: KeyPair): Promise<{ merchantId: string; created: boolean }> {
  checkKeyPair(key)
  return store.write(async (tx) => {
    const existing = await merchantStore.findKey(tx, key.keyId)
    if (!existing) return { merchantId: (await insertMerchant(tx, clock, {}, key)).id, created: true }
    if (existing.secret !== key.keySecret || existing.revoked_at !== null) {
      await tx.updateTable('api_keys').set({ secret: key.keySecret, revoked_at: null }).where('key_id', '=', key.keyId).execute()
    }
    return { merchantId: existing.merchant_id, created: false }
  })
}

function checkKeyPair(key: KeyPair): void {
  if (!KEY_ID.test(key.keyId)) throw new Error(`Key id must look like rzp_test_XXXXXXXXXXXXXX, got ${key.keyId}`)
  if (key.keySecret.trim().length < 8) throw new Error('Key secret must be at least 8 characters (not counting spaces)')
}

/** One line each (merchant list prints one merchant per line), and an email that looks like one. */
function checkProfile(input: { name?: string; email?: string | null }): void {
  if (input.name !== undefined && (input.name.trim() === '' || /[\r\n]/.test(input.name)))
    throw new Error('Merchant name must be one line of text, not empty')
  if (input.email !== undefined && input.email !== null && !isEmail(input.email))
    throw new Error(`Merchant email must look like name@example.com, got ${JSON.stringify(input.email)}`)
}

async function insertMerchant(tx: Db, clock: Clock, input: { name?: string; email?: string | null }, key: KeyPair): Promise<MerchantRow> {
  const id = newId('merchant')
  const now = clock.now(id)
  const merchant: MerchantRow = { id, name: input.name ?? 'Test Merchant', email: input.email ?? null, created_at: now }
  await merchantStore.insert(tx, merchant)
  await merchantStore.insertKey(tx, { key_id: key.keyId, merchant_id: id, secret: key.keySecret, created_at: now, revoked_at: null })
  return merchant
}

export async function listMerchants(store: Store): Promise<(MerchantRow & { key_ids: string[] })[]> {
  const merchants = await merchantStore.list(store.db)
  const out = []
  for (const m of merchants) {
    const keys = await merchantStore.activeKeys(store.db, m.id)
    out.push({ ...m, key_ids: keys.map((k) => k.key_id) })
  }
  return out
}

/** Issues a new key pair and revokes the old ones, as Razorpay's "Regenerate Key" does. */
export async function rotateKey(store: Store, clock: Clock, merchantId: string): Promise<KeyPair> {
  const key = newKeyPair()
  await store.write(async (tx) => {
    if (!(await merchantStore.findById(tx, merchantId))) throw new Error(`No merchant ${merchantId}`)
    const now = clock.now(merchantId)
    await merchantStore.revokeKeys(tx, merchantId, now)
    await merchantStore.insertKey(tx, { key_id: key.keyId, merchant_id: merchantId, secret: key.keySecret, created_at: now, revoked_at: null })
  })
  return key
}
