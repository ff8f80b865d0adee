/**
 * The UPI intent QR the checkout shows (display only): "UPI Intent and QR can only be tested in
 * live mode" (behaviors.md §5), so no app can complete it against the sandbox. The payee address is
 * a made-up Tijori VPA for the merchant; the payload follows the NPCI `upi://pay` deep-link format.
 */
import { CURRENCY_EXPONENT } from '../shared/money.js'
import { qrSvg } from './qr.js'

export interface UpiIntent {
  merchantId: string
  name: string
  amount: number
  currency: string
  orderId?: string
}

/** A `upi://pay` link: pa (payee VPA), pn (payee name), am (major units), cu, tr (reference). */
export function upiIntentUrl(i: UpiIntent): string {
  const exp = CURRENCY_EXPONENT[i.currency] ?? 2
  const vpa = `${i.merchantId.replace(/^acc_/, '').toLowerCase()}@tijori`
  const params: [string, string][] = [
    ['pa', vpa],
    ['pn', i.name.slice(0, 50) || 'Merchant'],
    ['am', (i.amount / 10 ** exp).toFixed(exp)],
    ['cu', i.currency],
  ]
  if (i.orderId) params.push(['tr', i.orderId])
  // The VPA is [a-z0-9]@tijori and goes in as is (apps expect pa=x@y); other values are encoded.
  return 'upi://pay?' + params.map(([k, v]) => `${k}=${k === 'pa' ? v : encodeURIComponent(v)}`).join('&')
}

export function upiQrSvg(i: UpiIntent): string {
  return qrSvg(upiIntentUrl(i), 'UPI QR code (can only be paid in live mode)')
}
