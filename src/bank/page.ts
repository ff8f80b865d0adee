/**
 * HTML of the simulated bank's authentication page: Razorpay's test mode shows a mock page with
 * Success and Failure buttons (RT:payments/payments/test-card-details.md). Self-contained: no
 * external scripts, styles or fonts, so it works offline. Values are HTML-escaped.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f6fb;margin:0;padding:24px;color:#1b2437}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:24px}
h1{font-size:20px;margin:0 0 8px}p{margin:6px 0}.amount{font-size:28px;font-weight:600;margin:16px 0}
.row{display:flex;gap:12px;margin-top:24px}button{flex:1;font-size:16px;padding:12px;border-radius:6px;border:0;cursor:pointer}
.ok{background:#2f9e44;color:#fff}.ko{background:#e03131;color:#fff}button:focus{outline:3px solid #1c7ed6;outline-offset:2px}
.note{font-size:13px;color:#5c6b82;margin-top:16px}`

export interface BankPageView {
  paymentId: string
  amountText: string
  method: string
  instrument: string
  actionUrl: string
}

export function renderBankPage(v: BankPageView): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tijori test bank</title><style>${STYLE}</style></head><body><main>
<h1>Tijori test bank</h1><p>This is a simulated bank page for a test payment. No money moves.</p>
<p class="amount">${escapeHtml(v.amountText)}</p>
<p>Payment <code>${escapeHtml(v.paymentId)}</code> by ${escapeHtml(v.method)}: ${escapeHtml(v.instrument)}</p>
<form method="post" action="${escapeHtml(v.actionUrl)}">
<div class="row"><button class="ok" type="submit" name="action" value="success">Success</button>
<button class="ko" type="submit" name="action" value="failure">Failure</button></div></form>
<p class="note">Success authorizes the payment; Failure fails it with the instrument's documented error.</p>
</main></body></html>`
}

/** Posts the outcome to the merchant's callback_url, as Razorpay's redirect flow does. */
export function renderCallbackPost(url: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Redirecting…</title></head>
<body><form id="f" method="post" action="${escapeHtml(url)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.getElementById('f').submit()</script></body></html>`
}

export function renderResultPage(title: string, lines: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</main></body></html>`
}
