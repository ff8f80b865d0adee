// Checkout options: defaults, coercion of data-* strings, and what the checkout page receives.
var BOOLEAN_PATHS = [
  'modal.escape', 'modal.backdropclose', 'modal.handleback', 'modal.confirm_close', 'modal.animation',
  'redirect', 'recurring', 'retry', 'retry.enabled', 'remember_customer', 'subscription_card_change',
  'readonly.contact', 'readonly.email', 'readonly.name', 'hidden.contact', 'hidden.email', 'send_sms_hash',
  'allow_rotation', 'theme.hide_topbar', 'theme.emi_mode',
]
var NUMBER_PATHS = ['amount', 'timeout', 'retry.max_count']

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function toBoolean(v) {
  if (v === 'false' || v === '0' || v === '' || v === 0 || v === false) return false
  return Boolean(v)
}

/** Deep copy of plain data; functions are kept by reference. */
function clone(v) {
  if (Array.isArray(v)) return v.map(clone)
  if (!isObject(v)) return v
  var out = {}
  for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = clone(v[k])
  return out
}

function getPath(obj, path) {
  var parts = path.split('.')
  for (var i = 0; i < parts.length; i++) {
    if (!isObject(obj)) return undefined
    obj = obj[parts[i]]
  }
  return obj
}

function setPath(obj, path, value) {
  var parts = path.split('.')
  for (var i = 0; i < parts.length - 1; i++) {
    if (!isObject(obj[parts[i]])) obj[parts[i]] = {}
    obj = obj[parts[i]]
  }
  obj[parts[parts.length - 1]] = value
}

function invalid(field) {
  return new Error('Field ' + field + ' has invalid value')
}

/**
 * The options as checkout uses them: defaults filled in, booleans and numbers coerced (data-*
 * attributes are strings), `retry: false` read as `retry.enabled = false`. Throws on a missing
 * key or a bad amount, as Razorpay's checkout does.
 */
function normalizeOptions(input) {
  if (!isObject(input)) throw new Error('Options must be an object')
  var o = clone(input)
  if (typeof o.key !== 'string' || o.key === '') throw new Error('No key passed')
  for (var b = 0; b < BOOLEAN_PATHS.length; b++) {
    var bv = getPath(o, BOOLEAN_PATHS[b])
    if (bv !== undefined && !isObject(bv)) setPath(o, BOOLEAN_PATHS[b], toBoolean(bv))
  }
  for (var n = 0; n < NUMBER_PATHS.length; n++) {
    var nv = getPath(o, NUMBER_PATHS[n])
    if (nv === undefined || nv === null || nv === '') continue
    var num = Number(nv)
    if (!isFinite(num) || Math.floor(num) !== num || num < 0) throw invalid(NUMBER_PATHS[n])
    setPath(o, NUMBER_PATHS[n], num)
  }
  if (o.amount === '' || o.amount === null) delete o.amount
  if (o.amount === undefined && !o.order_id && !o.invoice_id && !o.subscription_id) throw invalid('amount')
  if (o.amount !== undefined && o.amount <= 0) throw invalid('amount')
  if (o.handler !== undefined && typeof o.handler !== 'function') throw invalid('handler')
  o.currency = typeof o.currency === 'string' && o.currency ? o.currency.toUpperCase() : 'INR'
  var retry = o.retry
  o.retry = isObject(retry) ? retry : { enabled: retry === undefined ? true : toBoolean(retry) }
  if (o.retry.enabled === undefined) o.retry.enabled = true
  o.modal = isObject(o.modal) ? o.modal : {}
  if (o.modal.escape === undefined) o.modal.escape = true
  if (o.modal.backdropclose === undefined) o.modal.backdropclose = false
  if (o.modal.ondismiss !== undefined && typeof o.modal.ondismiss !== 'function') throw invalid('modal.ondismiss')
  o.theme = isObject(o.theme) ? o.theme : {}
  o.prefill = isObject(o.prefill) ? o.prefill : {}
  o.notes = isObject(o.notes) ? o.notes : {}
  o.redirect = toBoolean(o.redirect)
  o.recurring = toBoolean(o.recurring)
  return o
}

/** `data-prefill.name="x"` → { prefill: { name: 'x' } }; every data-* attribute of the tag. */
function parseDataAttributes(el) {
  var out = {}
  var attrs = el.attributes || []
  for (var i = 0; i < attrs.length; i++) {
    var name = attrs[i].name
    if (name.indexOf('data-') !== 0) continue
    setPath(out, name.slice(5), attrs[i].value)
  }
  return out
}

/**
 * What the checkout page receives: the options without functions or the redirect target, with a
 * relative `image` made absolute against this page (the checkout runs on Tijori's origin).
 */
function frameOptions(o, pageUrl) {
  var out = {}
  for (var k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue
    if (k === 'handler' || k === 'callback_url' || typeof o[k] === 'function') continue
    out[k] = o[k]
  }
  out = JSON.parse(JSON.stringify(out))
  if (typeof out.image === 'string' && out.image && !/^data:/i.test(out.image)) {
    try {
      out.image = new URL(out.image, pageUrl).href
    } catch (e) {
      delete out.image
    }
  }
  return out
}
