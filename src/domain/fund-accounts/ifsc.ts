/**
 * IFSC checks against Razorpay's own `ifsc` package data (every branch code RBI publishes), loaded
 * on first use: the package's validator and its bank-name table.
 */
import { createRequire } from 'node:module'

interface IfscLib {
  validate(code: string): boolean
}

let lib: IfscLib | null = null
let names: Record<string, string> | null = null

function load(): { lib: IfscLib; names: Record<string, string> } {
  if (!lib || !names) {
    const require = createRequire(import.meta.url)
    lib = require('ifsc') as IfscLib
    names = require('ifsc/src/banknames.json') as Record<string, string>
  }
  return { lib, names }
}

/** True when `code` is a real branch's IFSC (11 characters, 5th is 0, known bank and branch). */
export function isKnownIfsc(code: string): boolean {
  return code.length === 11 && load().lib.validate(code)
}

/** "HDFC Bank" for HDFC0000053; null when the bank code is unknown. */
export function bankNameOf(code: string): string | null {
  return load().names[code.slice(0, 4).toUpperCase()] ?? null
}
