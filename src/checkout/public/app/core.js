/*
 * The checkout page (inside checkout.js's modal, or a hosted page). It holds only the merchant's
 * public key id and calls Tijori's /v1/checkout/* endpoints, which run the same payment services
 * as the API. Results go to the merchant page by postMessage (to the origin that page declared),
 * or, on a hosted page, as a form POST to callback_url.
 *
 * Views: loading → pay (contact, method, details) → otp | bank page | processing → success | failed
 * (retry goes back to pay). Card numbers and CVVs are sent once and cleared from the form after.
 *
 * Source: the files of src/checkout/public/app/, joined in order inside one function scope by
 * src/checkout/assets.ts. format.js and card.js load before it.
 */
// Boot data, state, messaging with the merchant page, the API, views and field errors.
var F = window.TijoriFormat
var C = window.TijoriCard
function $(id) { return document.getElementById(id) }
function enc(s) { return encodeURIComponent(String(s)) }

var boot = JSON.parse($('tijori-boot').textContent)
var hosted = boot.mode === 'hosted'
var parentOrigin = boot.parent_origin && boot.parent_origin !== 'null' ? boot.parent_origin : '*'
var state = { o: null, key: boot.key_id, prefs: null, amount: 0, currency: 'INR', exponent: 2, orderId: null, implicitOrder: false, paymentId: null, method: 'card', busy: false }


function toParent(msg) {
  if (hosted || window.parent === window) return
  msg.tijori = 'checkout'
  msg.id = boot.channel
  window.parent.postMessage(msg, parentOrigin)
}

function api(method, path, body) {
  var init = { method: method, credentials: 'same-origin', headers: {} }
  if (body) {
    init.headers['content-type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  return fetch(path, init).then(function (r) {
    return r.json().catch(function () { return {} }).then(function (data) { return { ok: r.ok, data: data } })
  })
}

function errorText(data) {
  return (data && data.error && data.error.description) || 'Something went wrong. Please try again.'
}

function fmt(amount) {
  return F.formatAmount(amount, state.currency, state.exponent)
}

function show(viewId) {
  var views = document.querySelectorAll('.view')
  for (var i = 0; i < views.length; i++) views[i].hidden = views[i].id !== viewId
  var view = $(viewId)
  var target = view.querySelector('h2') || view.querySelector('input:not([type=hidden]):not([readonly]), button, select')
  if (target) {
    if (target.tagName === 'H2') target.tabIndex = -1
    target.focus()
  }
}

function fatal(message) {
  $('fatal-message').textContent = message
  show('view-fatal')
}

function setFieldError(id, message) {
  var err = $(id + '-error')
  if (err) err.textContent = message
  var input = $(id)
  if (input && input.setAttribute) input.setAttribute('aria-invalid', message ? 'true' : 'false')
}

function clearErrors() {
  var errs = document.querySelectorAll('.field-error, .form-error')
  for (var i = 0; i < errs.length; i++) errs[i].textContent = ''
  var inputs = document.querySelectorAll('[aria-invalid]')
  for (var j = 0; j < inputs.length; j++) inputs[j].setAttribute('aria-invalid', 'false')
}

/** Which input a server error's `field` belongs to. */
var FIELD_INPUT = {
  'card[number]': 'card-number', 'card[expiry_month]': 'card-expiry', 'card[expiry_year]': 'card-expiry',
  'card[cvv]': 'card-cvv', 'card[name]': 'card-name', vpa: 'vpa', 'upi[vpa]': 'vpa', contact: 'contact',
  email: 'email', bank: 'bank', wallet: 'wallet', emi_duration: 'emi-duration',
}

function showServerError(data) {
  var field = data && data.error && FIELD_INPUT[data.error.field]
  if (field) {
    setFieldError(field, errorText(data))
    if ($(field)) $(field).focus()
  } else $('form-error').textContent = errorText(data)
}

function clearCard() {
  $('card-number').value = ''
  $('card-cvv').value = ''
}
