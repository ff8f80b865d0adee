// Success and failure: to the merchant page (postMessage) or, hosted, to callback_url.
function postTo(url, fields) {
  var form = document.createElement('form')
  form.method = 'POST'
  form.action = url
  Object.keys(fields).forEach(function (k) {
    var input = document.createElement('input')
    input.type = 'hidden'
    input.name = k
    input.value = fields[k]
    form.appendChild(input)
  })
  document.body.appendChild(form)
  form.submit()
}

function succeeded(response) {
  clearCard()
  // A page that passed no order_id gets what Razorpay gives it then: the payment id alone.
  var r = state.implicitOrder ? { razorpay_payment_id: response.razorpay_payment_id } : response
  $('success-ref').textContent = 'Payment ID: ' + r.razorpay_payment_id
  show('view-success')
  if (hosted) {
    if (state.o.callback_url) postTo(state.o.callback_url, r)
    return
  }
  toParent({ type: 'success', response: r })
}

function failed(error) {
  clearCard()
  // A hosted page with a callback_url hands failures to the merchant (RT: hosted integration 1.2.1).
  var retry = (!state.o.retry || state.o.retry.enabled !== false) && !(hosted && state.o.callback_url)
  $('failed-description').textContent = error.description
  $('failed-ref').textContent = error.metadata && error.metadata.payment_id ? 'Payment ID: ' + error.metadata.payment_id : ''
  $('retry').hidden = !retry
  show('view-failed')
  if (!retry) $('failed-close').focus()
  if (hosted) {
    if (state.o.callback_url) {
      var fields = { 'error[metadata]': JSON.stringify(error.metadata || {}) }
      ;['code', 'description', 'source', 'step', 'reason'].forEach(function (k) { fields['error[' + k + ']'] = error[k] })
      setTimeout(function () { postTo(state.o.callback_url, fields) }, 1500)
    }
    return
  }
  toParent({ type: 'failed', error: error })
}

function dismiss() {
  if (!hosted) return toParent({ type: 'dismiss' })
  if (state.o && state.o.cancel_url) window.location.href = state.o.cancel_url
  else fatal('The payment was cancelled. You can close this page.')
}
