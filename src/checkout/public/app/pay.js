// Collecting and checking the form, starting the payment, reading its outcome.
function collect() {
  var errors = []
  var need = function (id, message) { if (message) errors.push([id, message]) }
  var contact = $('contact').value.replace(/[\s-]/g, '')
  var email = $('email').value.trim()
  need('contact', /^\+?[0-9]{8,15}$/.test(contact) ? '' : 'Enter a valid phone number.')
  need('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? '' : 'Enter a valid email address.')
  var o = state.o
  var body = { key_id: state.key, amount: state.amount, currency: state.currency, email: email, contact: contact, method: state.method }
  if (state.orderId) body.order_id = state.orderId
  if (o.notes && typeof o.notes === 'object' && Object.keys(o.notes).length) body.notes = o.notes
  if (o.description) body.description = String(o.description)
  if (o.customer_id) body.customer_id = String(o.customer_id)
  if (state.recurring) recurringFields(body, need)
  if (state.method === 'card' || state.method === 'emi') {
    var number = $('card-number').value
    need('card-number', C.checkNumber(number))
    need('card-expiry', C.checkExpiry($('card-expiry').value))
    need('card-cvv', C.checkCvv($('card-cvv').value, number))
    var exp = C.parseExpiry($('card-expiry').value) || { month: 0, year: 0 }
    body.card = { number: C.digitsOf(number), expiry_month: String(exp.month), expiry_year: String(exp.year), cvv: $('card-cvv').value }
    var name = $('card-name').value.trim()
    if (name) body.card.name = name
    if (state.method === 'emi') {
      var plan = document.querySelector('input[name=emi-duration]:checked')
      need('emi-duration', plan ? '' : 'Choose an EMI plan.')
      if (plan) body.emi_duration = Number(plan.value)
    }
  } else if (state.method === 'upi') {
    var vpa = $('vpa').value.trim()
    need('vpa', /^[a-zA-Z0-9.\-_]{2,256}@[a-zA-Z]{2,64}$/.test(vpa) ? '' : 'Enter a valid UPI ID, like name@bank.')
    body.vpa = vpa
  } else if (state.method === 'netbanking') {
    need('bank', $('bank').value ? '' : 'Select your bank.')
    body.bank = $('bank').value
  } else if (state.method === 'wallet') {
    var w = document.querySelector('input[name=wallet]:checked')
    need('wallet', w ? '' : 'Select a wallet.')
    body.wallet = w ? w.value : ''
  }
  return { body: body, errors: errors }
}

function onPay(e) {
  e.preventDefault()
  if (state.busy) return
  clearErrors()
  var c = collect()
  if (c.errors.length) {
    c.errors.forEach(function (x) { setFieldError(x[0], x[1]) })
    // Choices (wallets, EMI plans) have no single input: focus the first one of the open panel.
    var first = $(c.errors[0][0]) || document.querySelector('.panel:not([hidden]) input[type=radio]')
    if (first) first.focus()
    return
  }
  state.busy = true
  $('pay-button').disabled = true
  $('processing-text').textContent = 'Processing your payment…'
  show('view-processing')
  api('POST', '/v1/checkout/payments', c.body).then(function (res) {
    if (!res.ok) {
      state.busy = false
      updatePayButton()
      show('view-pay')
      return showServerError(res.data)
    }
    handleOutcome(res.data)
  }, networkError)
}

function networkError() {
  state.busy = false
  updatePayButton()
  show('view-pay')
  $('form-error').textContent = 'Could not reach Tijori. Check your connection and try again.'
}

function handleOutcome(d) {
  state.busy = false
  updatePayButton()
  if (d.order_id && !state.orderId) {
    state.orderId = d.order_id
    state.implicitOrder = true
  }
  state.paymentId = d.payment_id
  if (d.status === 'created') return d.next.action === 'otp' ? showOtp(d.next.card) : showBank(d.next.url)
  if (d.status === 'failed') return failed(d.error)
  succeeded(d.response)
}
