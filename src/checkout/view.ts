/**
 * HTML of the checkout page (the modal's iframe, and the hosted page) and of the bank-return page.
 * Markup only: behaviour lives in public/app.js, styles in public/frame.css. Every field has a
 * label, errors are tied to their fields (aria-describedby), and nothing is loaded from outside
 * Tijori (the Content-Security-Policy in routes.ts enforces it).
 */
import { NETBANKING_BANKS, WALLETS } from '../bank/index.js'
import { escapeHtml as esc } from '../bank/page.js'
import { assetUrl } from './assets.js'

export interface BootData {
  mode: 'embedded' | 'hosted'
  key_id: string
  /** Origin of the merchant page that opened the modal (embedded mode), for postMessage. */
  parent_origin: string | null
  /** Instance id of the Razorpay object on the parent page, echoed in every message. */
  channel: string | null
  /** Hosted mode: the options posted by the merchant page. */
  options: Record<string, unknown> | null
}

const POPULAR_BANKS = ['HDFC', 'ICIC', 'SBIN', 'UTIB', 'KKBK', 'YESB']

/** JSON inside <script type="application/json">: `<` escaped so no value can close the element. */
function jsonScript(id: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `<script type="application/json" id="${id}">${json}</script>`
}

function field(id: string, label: string, input: string, hint = ''): string {
  const hintHtml = hint ? `<p class="hint" id="${id}-hint">${hint}</p>` : ''
  return `<div class="field"><label for="${id}">${label}</label>${input}${hintHtml}<p class="field-error" id="${id}-error" aria-live="polite"></p></div>`
}

function describedBy(id: string, hint = false): string {
  return `aria-describedby="${hint ? `${id}-hint ` : ''}${id}-error"`
}

const METHODS: [string, string][] = [
  ['card', 'Card'],
  ['upi', 'UPI'],
  ['netbanking', 'Netbanking'],
  ['wallet', 'Wallet'],
  ['emi', 'EMI'],
]

function methodPicker(): string {
  const options = METHODS.map(
    ([value, label], i) =>
      `<label class="method"><input type="radio" name="method" value="${value}"${i === 0 ? ' checked' : ''}><span>${label}</span></label>`,
  ).join('')
  // Issue 5: mandate methods, shown only when the page authorises a recurring payment (recurring.js).
  const mandates = RECURRING_METHODS.map(
    ([value, label]) => `<label class="method" hidden><input type="radio" name="method" value="${value}"><span>${label}</span></label>`,
  ).join('')
  return `<fieldset class="methods" id="methods"><legend>Payment method</legend><div class="method-list">${options}${mandates}</div></fieldset>`
}

const RECURRING_METHODS: [string, string][] = [
  ['emandate', 'Bank account (e-mandate)'],
  ['nach', 'Paper NACH'],
]

/** E-mandate: the bank and how the customer authenticates; the account comes from the order. */
function emandatePanel(): string {
  const banks = Object.entries(NETBANKING_BANKS)
    .map(([c, n]) => `<option value="${esc(c)}">${esc(n)}</option>`)
    .join('')
  const auth = [
    ['netbanking', 'Netbanking login'],
    ['debitcard', 'Debit card and PIN'],
    ['aadhaar', 'Aadhaar OTP'],
  ]
    .map(([v, l]) => `<option value="${v}">${l}</option>`)
    .join('')
  return `<div class="panel" id="panel-emandate" data-method="emandate" hidden>
<p id="mandate-account" class="muted"></p>
${field('emandate-bank', 'Bank of the account', `<select id="emandate-bank" name="emandate-bank" ${describedBy('emandate-bank')}><option value="">Select a bank</option>${banks}</select>`)}
${field('emandate-auth', 'Authenticate with', `<select id="emandate-auth" name="emandate-auth" ${describedBy('emandate-auth', true)}>${auth}</select>`, 'You will choose Success or Failure on the test bank page.')}
</div>`
}

function nachPanel(): string {
  return `<div class="panel" id="panel-nach" data-method="nach" hidden>
<p>Paper NACH: print the pre-filled form, sign it and upload it on the form's page.</p>
<p><a id="nach-form" href="#" target="_blank" rel="noopener">Open the NACH form</a></p></div>`
}

/** Card details; EMI uses them too (data-method lists every method a panel serves). */
function cardPanel(): string {
  return `<div class="panel" id="panel-card" data-method="card emi">
${field('card-number', 'Card number', `<input id="card-number" name="card-number" type="text" inputmode="numeric" autocomplete="cc-number" maxlength="23" spellcheck="false" ${describedBy('card-number', true)}>`, 'Test cards: 4111 1111 1111 1111 succeeds; 4100 2800 0008 0001 fails (insufficient funds).')}
<div class="row">
${field('card-expiry', 'Expiry (MM/YY)', `<input id="card-expiry" name="card-expiry" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" maxlength="7" ${describedBy('card-expiry')}>`)}
${field('card-cvv', 'CVV', `<input id="card-cvv" name="card-cvv" type="password" inputmode="numeric" autocomplete="cc-csc" maxlength="4" ${describedBy('card-cvv')}>`)}
</div>
${field('card-name', 'Name on card', `<input id="card-name" name="card-name" type="text" autocomplete="cc-name" ${describedBy('card-name')}>`)}
</div>`
}

function upiPanel(): string {
  return `<div class="panel" id="panel-upi" data-method="upi" hidden>
${field('vpa', 'UPI ID', `<input id="vpa" name="vpa" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" placeholder="name@bank" ${describedBy('vpa', true)}>`, 'Test mode: success@razorpay succeeds, failure@razorpay fails.')}
<details class="qr" id="upi-qr"><summary>Pay by scanning a QR code</summary>
<img id="upi-qr-image" alt="UPI QR code for this payment" width="180" height="180">
<p class="hint">UPI intent and QR payments can only be completed in live mode. In test mode, pay with a UPI ID above.</p>
</details></div>`
}

function netbankingPanel(): string {
  const byName = Object.entries(NETBANKING_BANKS)
  const popular = POPULAR_BANKS.filter((c) => c in NETBANKING_BANKS)
    .map((c) => `<option value="${c}">${esc(NETBANKING_BANKS[c])}</option>`)
    .join('')
  const all = byName.map(([c, n]) => `<option value="${esc(c)}">${esc(n)}</option>`).join('')
  const select = `<select id="bank" name="bank" ${describedBy('bank', true)}><option value="">Select a bank</option><optgroup label="Popular banks">${popular}</optgroup><optgroup label="All banks">${all}</optgroup></select>`
  return `<div class="panel" id="panel-netbanking" data-method="netbanking" hidden>
${field('bank', 'Bank', select, 'You will choose Success or Failure on the test bank page.')}</div>`
}

function walletPanel(): string {
  const items = Object.entries(WALLETS)
    .map(([c, n]) => `<label class="choice"><input type="radio" name="wallet" value="${esc(c)}"><span>${esc(n)}</span></label>`)
    .join('')
  return `<div class="panel" id="panel-wallet" data-method="wallet" hidden>
<fieldset class="choices" aria-describedby="wallet-error"><legend>Choose a wallet</legend>${items}</fieldset>
<p class="field-error" id="wallet-error" aria-live="polite"></p></div>`
}

/** The issuer and its plans (radios, filled by methods.js); the card fields follow (cardPanel). */
function emiPanel(): string {
  return `<div class="panel" id="panel-emi" data-method="emi" hidden>
${field('emi-bank', 'Card issuer', `<select id="emi-bank" name="emi-bank" ${describedBy('emi-bank')}></select>`)}
<fieldset class="emi-choice" aria-describedby="emi-duration-error"><legend>EMI plan</legend>
<ul class="emi-plans" id="emi-plans" aria-label="EMI plans"></ul></fieldset>
<p class="field-error" id="emi-duration-error" aria-live="polite"></p>
<p class="hint" id="emi-note"></p></div>`
}

export function renderCheckoutPage(boot: BootData): string {
  const hosted = boot.mode === 'hosted'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Checkout · Tijori</title>
<link rel="stylesheet" href="${assetUrl('frame.css')}">
${jsonScript('tijori-boot', boot)}
<script src="${assetUrl('format.js')}" defer></script>
<script src="${assetUrl('card.js')}" defer></script>
<script src="${assetUrl('app.js')}" defer></script>
</head><body class="${hosted ? 'hosted' : 'embedded'}">
<div class="sheet" role="${hosted ? 'main' : 'dialog'}" aria-labelledby="merchant-name"${hosted ? '' : ' aria-modal="true"'}>
<header class="top">
<img id="logo" class="logo" alt="" hidden>
<div class="who"><h1 id="merchant-name">Checkout</h1><p id="description" class="description"></p></div>
<button id="close" class="close" type="button" aria-label="${hosted ? 'Cancel payment' : 'Close checkout'}">&times;</button>
</header>
<div class="amount-bar"><span class="label">Amount</span> <strong id="amount" class="amount" aria-live="polite"></strong> <span id="currency" class="currency"></span><span class="badge">Test mode</span></div>
<p id="order-ref" class="muted"></p>
<div class="content">
<section id="view-loading" class="view" aria-busy="true"><p>Loading…</p></section>
<section id="view-fatal" class="view" hidden><h2>Cannot take this payment</h2><p id="fatal-message" role="alert"></p></section>
<form id="view-pay" class="view" hidden novalidate>
<fieldset class="contact"><legend>Contact details</legend>
${field('contact', 'Phone number', `<input id="contact" name="contact" type="tel" inputmode="tel" autocomplete="tel" ${describedBy('contact')}>`)}
${field('email', 'Email', `<input id="email" name="email" type="email" autocomplete="email" ${describedBy('email')}>`)}
</fieldset>
${methodPicker()}
${emiPanel()}
${cardPanel()}
${upiPanel()}
${netbankingPanel()}
${walletPanel()}
${emandatePanel()}
${nachPanel()}
<p id="form-error" class="form-error" role="alert"></p>
<button type="submit" id="pay-button" class="pay">Pay</button>
</form>
<form id="view-otp" class="view" hidden novalidate>
<h2>Enter OTP</h2><p id="otp-info"></p>
${field('otp', 'One-time password', `<input id="otp" name="otp" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="10" ${describedBy('otp', true)}>`, 'Test mode: any 4 to 10 digits succeed; fewer than 4 digits fail the payment.')}
<button type="submit" id="otp-submit" class="pay">Submit OTP</button>
<button type="button" id="otp-resend" class="link">Resend OTP</button>
<p id="otp-status" class="muted" aria-live="polite"></p>
</form>
<section id="view-bank" class="view" hidden><h2 id="bank-title">Complete the payment on your bank's page</h2>
<iframe id="bank-frame" class="bank-frame" title="Bank authentication page"></iframe></section>
<section id="view-processing" class="view" hidden><p id="processing-text" role="status">Processing your payment…</p></section>
<section id="view-failed" class="view" hidden><h2>Payment failed</h2><p id="failed-description" role="alert"></p>
<p id="failed-ref" class="muted"></p>
<div class="actions"><button type="button" id="retry" class="pay">Retry</button><button type="button" id="failed-close" class="link">Close</button></div></section>
<section id="view-success" class="view" hidden><h2>Payment successful</h2><p id="success-ref" role="status"></p></section>
</div>
<footer class="foot">Tijori test checkout · no real money moves</footer>
</div></body></html>`
}

/**
 * Where the simulated bank page sends the customer back (the payment's callback_url). It only
 * tells the checkout page which payment to look up; the outcome is read from the server, never
 * from these posted fields, so a forged post cannot fake a success.
 */
export function renderBankReturn(paymentId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Returning to checkout…</title>
${jsonScript('bank-return', { payment_id: paymentId })}
<script src="${assetUrl('bank-return.js')}" defer></script></head>
<body><p>Returning to checkout…</p></body></html>`
}
