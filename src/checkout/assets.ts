/**
 * The checkout's static files (src/checkout/public/): read once at start, served from memory with
 * a content hash in their URLs, so the browser may cache them for good and a changed file is a new
 * URL. Everything the checkout needs is here — no CDN, no web font — so it works offline.
 *
 * checkout.js and app.js are each written as several small files (public/checkout/, public/app/)
 * joined in a fixed order inside one function scope: one request, no globals between the parts.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

export interface Asset {
  body: Buffer
  type: string
  hash: string
}

const PUBLIC = new URL('./public/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, PUBLIC), 'utf8')

/** Parts in the order they run; later parts use what earlier ones define. */
const BUNDLES = {
  'checkout.js': { dir: 'checkout/', parts: ['base.js', 'options.js', 'emi.js', 'events.js', 'razorpay.js', 'modal.js', 'automatic.js'] },
  'app.js': { dir: 'app/', parts: ['core.js', 'setup.js', 'methods.js', 'recurring.js', 'pay.js', 'authenticate.js', 'results.js', 'wiring.js'] },
} as const
const FILES = ['card.js', 'format.js', 'bank-return.js', 'frame.css'] as const

export type AssetName = keyof typeof BUNDLES | (typeof FILES)[number]

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
}

function bundle({ dir, parts }: { dir: string; parts: readonly string[] }): string {
  const body = parts.map((p) => read(dir + p)).join('\n')
  return `;(function (window, document) {\n'use strict'\n${body}\n})(window, document)\n`
}

function asAsset(name: string, text: string): Asset {
  const body = Buffer.from(text, 'utf8')
  const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream'
  return { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }
}

const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ...Object.entries(BUNDLES).map(([name, b]) => [name, asAsset(name, bundle(b))] as const),
  ...FILES.map((name) => [name, asAsset(name, read(name))] as const),
])

export function asset(name: string): Asset | undefined {
  return ASSETS.get(name)
}

/** `/checkout/assets/<name>?v=<hash>`: immutable, so it may be cached for a year. */
export function assetUrl(name: AssetName): string {
  return `/checkout/assets/${name}?v=${(ASSETS.get(name) as Asset).hash}`
}

/** The text of an asset as served (tests run checkout.js in a VM with it). */
export function assetText(name: AssetName): string {
  return (ASSETS.get(name) as Asset).body.toString('utf8')
}
