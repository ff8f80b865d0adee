// Automatic (form) mode, and the global `Razorpay`.
function enclosingForm(el) {
  for (var n = el && el.parentNode; n; n = n.parentNode) if (n.tagName === 'FORM') return n
  return null
}

/**
 * A <script data-key=…> renders a Pay button next to itself. On success the response fields are
 * added to the enclosing form as hidden inputs and the form is submitted to its action.
 */
function automaticCheckout(script) {
  if (!script || !script.getAttribute || !script.getAttribute('data-key') || script.__tijoriDone) return null
  script.__tijoriDone = true
  var opts = parseDataAttributes(script)
  var text = opts.buttontext || 'Pay Now'
  delete opts.buttontext
  var form = enclosingForm(script)
  opts.handler = function (response) {
    if (!form) return
    for (var k in response) if (Object.prototype.hasOwnProperty.call(response, k)) hiddenInput(form, k, response[k])
    form.submit()
  }
  injectStyle()
  var rzp = new Razorpay(opts)
  var button = document.createElement('input')
  button.type = 'submit'
  button.value = text
  button.className = 'razorpay-payment-button'
  script.parentNode.insertBefore(button, script.nextSibling)
  var start = function (e) {
    e.preventDefault()
    rzp.open()
  }
  if (form) form.addEventListener('submit', start)
  else button.addEventListener('click', start)
  return rzp
}

Razorpay.emi = { calculator: emiCalculator }
Razorpay.version = VERSION
Razorpay.tijori = { base: BASE, normalizeOptions: normalizeOptions, parseDataAttributes: parseDataAttributes, frameOptions: frameOptions }

if (typeof window.Razorpay !== 'function' || !window.Razorpay.tijori) window.Razorpay = Razorpay
automaticCheckout(currentScript)
