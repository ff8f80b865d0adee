// Options from the merchant page, then the preferences (merchant, methods, order) from Tijori.
function applyOptions(o) {
  if (o.theme && o.theme.color) document.documentElement.style.setProperty('--brand', String(o.theme.color))
  if (o.image) {
    $('logo').src = String(o.image)
    $('logo').hidden = false
  }
  $('description').textContent = o.description ? String(o.description) : ''
  var prefill = o.prefill || {}
  var readonly = o.readonly || {}
  var hiddenFields = o.hidden || {}
  ;['contact', 'email'].forEach(function (f) {
    if (prefill[f]) $(f).value = String(prefill[f])
    if (readonly[f] && prefill[f]) $(f).readOnly = true
    if (hiddenFields[f] && prefill[f]) $(f).parentNode.hidden = true
  })
  if (prefill.name) $('card-name').value = String(prefill.name)
  if (readonly.name && prefill.name) $('card-name').readOnly = true
  if (prefill.vpa) $('vpa').value = String(prefill.vpa)
  // Razorpay honours prefill.method only when contact and email are prefilled too.
  if (prefill.method && prefill.contact && prefill.email) selectMethod(String(prefill.method))
}

function start(options) {
  var o = (state.o = options || {})
  state.key = o.key || boot.key_id
  applyOptions(o)
  if (!state.key) return fatal('The api key provided is invalid')
  var q = '?key_id=' + enc(state.key)
  if (o.order_id) q += '&order_id=' + enc(o.order_id)
  if (o.invoice_id) q += '&invoice_id=' + enc(o.invoice_id)
  if (o.recurring) q += '&recurring=true'
  api('GET', '/v1/checkout/preferences' + q).then(function (res) {
    if (!res.ok) return fatal(errorText(res.data))
    var prefs = (state.prefs = res.data)
    var order = prefs.order
    $('merchant-name').textContent = o.name ? String(o.name) : prefs.merchant.name || 'Checkout'
    if (order) {
      if (order.status === 'paid')
        return fatal('Your payment has been declined as the order is already paid. Please initiate the payment with a new order.')
      state.orderId = order.id
      state.currency = order.currency
      var wanted = Number(o.amount)
      state.amount = order.partial_payment && wanted > 0 && wanted <= order.amount_due ? wanted : order.amount_due
      $('order-ref').textContent = 'Order ' + order.id
    } else {
      state.amount = Number(o.amount) || 0
      state.currency = String(o.currency || 'INR').toUpperCase()
    }
    var exp = prefs.currency_exponents[state.currency]
    state.exponent = typeof exp === 'number' ? exp : 2
    $('amount').textContent = fmt(state.amount)
    $('currency').textContent = state.currency
    renderEmi()
    updatePayButton()
    if (prefs.recurring) applyRecurring(prefs.recurring)
    else if (prefs.invoice && prefs.invoice.description && !o.description) $('description').textContent = prefs.invoice.description
    show('view-pay')
  }, function () {
    fatal('Could not reach Tijori. Check that the server is running.')
  })
}
