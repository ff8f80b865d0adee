// The modal on the merchant page: backdrop, iframe, keyboard, focus, and redirects to callback_url.
var STYLE_ID = 'tijori-checkout-style'
var CSS =
  '.tijori-container{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center}' +
  '.tijori-backdrop{position:absolute;inset:0}' +
  '.tijori-frame{position:relative;border:0;width:420px;max-width:100vw;height:680px;max-height:100vh;background:#fff;border-radius:8px;box-shadow:0 8px 40px rgba(0,0,0,.35)}' +
  '@media (max-width:480px),(max-height:600px){.tijori-frame{width:100vw;height:100vh;max-height:none;border-radius:0}}' +
  '.razorpay-payment-button{font:inherit;font-weight:600;padding:10px 18px;border:0;border-radius:4px;background:#3399cc;color:#fff;cursor:pointer}' +
  '.razorpay-payment-button:focus{outline:3px solid #1c7ed6;outline-offset:2px}'

function injectStyle() {
  if (document.getElementById(STYLE_ID)) return
  var s = document.createElement('style')
  s.id = STYLE_ID
  s.textContent = CSS
  ;(document.head || document.documentElement).appendChild(s)
}

function buildModal(rzp) {
  injectStyle()
  var o = rzp.options
  var container = document.createElement('div')
  container.className = 'tijori-container razorpay-container'
  var backdrop = document.createElement('div')
  backdrop.className = 'tijori-backdrop razorpay-backdrop'
  backdrop.style.background = (o.theme && o.theme.backdrop_color) || 'rgba(0,0,0,0.6)'
  var frame = document.createElement('iframe')
  frame.className = 'tijori-frame razorpay-checkout-frame'
  frame.title = 'Checkout'
  frame.setAttribute('allow', 'payment')
  var pageOrigin = window.location.origin && window.location.origin !== 'null' ? window.location.origin : ''
  frame.src =
    BASE + '/checkout/embedded?key_id=' + encodeURIComponent(o.key) + '&origin=' + encodeURIComponent(pageOrigin) + '&id=' + encodeURIComponent(rzp.id)
  container.appendChild(backdrop)
  container.appendChild(frame)
  backdrop.addEventListener('click', function () {
    if (o.modal.backdropclose) rzp._dismiss()
  })
  rzp._onWindowMessage = function (e) {
    if (e.source !== frame.contentWindow || e.origin !== BASE) return
    var msg = e.data
    if (!isObject(msg) || msg.tijori !== 'checkout' || msg.id !== rzp.id) return
    rzp._onMessage(msg)
  }
  rzp._onKey = function (e) {
    if ((e.key === 'Escape' || e.key === 'Esc') && o.modal.escape !== false) rzp._dismiss()
  }
  window.addEventListener('message', rzp._onWindowMessage)
  document.addEventListener('keydown', rzp._onKey)
  rzp._container = container
  rzp._frame = frame
  rzp._overflow = document.body.style.overflow
  document.body.style.overflow = 'hidden'
  document.body.appendChild(container)
  frame.addEventListener('load', function () { frame.focus() })
}

function teardown(rzp) {
  window.removeEventListener('message', rzp._onWindowMessage)
  document.removeEventListener('keydown', rzp._onKey)
  if (rzp._container && rzp._container.parentNode) rzp._container.parentNode.removeChild(rzp._container)
  document.body.style.overflow = rzp._overflow || ''
  rzp._container = rzp._frame = null
  var back = rzp._returnFocus
  if (back && typeof back.focus === 'function') back.focus()
}

function post(rzp, msg) {
  if (!rzp._frame || !rzp._frame.contentWindow) return
  msg.tijori = 'checkout'
  msg.id = rzp.id
  rzp._frame.contentWindow.postMessage(msg, BASE)
}

function errorFields(error) {
  var out = {}
  error = error || {}
  var keys = ['code', 'description', 'source', 'step', 'reason']
  for (var i = 0; i < keys.length; i++) if (error[keys[i]] !== undefined) out['error[' + keys[i] + ']'] = error[keys[i]]
  out['error[metadata]'] = JSON.stringify(error.metadata || {})
  return out
}

function hiddenInput(form, name, value) {
  var input = form.querySelector('input[type="hidden"][name="' + name + '"]')
  if (!input) {
    input = document.createElement('input')
    input.type = 'hidden'
    input.name = name
    form.appendChild(input)
  }
  input.value = value
}

/** A top-level POST to the merchant's callback_url, as Razorpay's redirect flow does. */
function redirectPost(url, fields) {
  var form = document.createElement('form')
  form.method = 'POST'
  form.action = url
  form.style.display = 'none'
  for (var k in fields) if (Object.prototype.hasOwnProperty.call(fields, k)) hiddenInput(form, k, fields[k])
  document.body.appendChild(form)
  form.submit()
}
