// The OTP step of a card payment, and the simulated bank page for netbanking and wallets.
function showOtp(card) {
  $('otp-info').textContent = card
    ? 'Enter the OTP sent to your phone for the ' + card.network + ' card ending ' + card.last4 + '.'
    : 'Enter the OTP sent to your phone.'
  $('otp').value = ''
  $('otp-status').textContent = ''
  setFieldError('otp', '')
  show('view-otp')
  $('otp').focus()
}

function onOtp(e) {
  e.preventDefault()
  if (state.busy) return
  var otp = $('otp').value.trim()
  if (!/^[0-9]{1,10}$/.test(otp)) return setFieldError('otp', 'Enter the OTP: digits only.')
  state.busy = true
  $('otp-submit').disabled = true
  api('POST', '/v1/checkout/payments/' + enc(state.paymentId) + '/otp', { key_id: state.key, otp: otp }).then(function (res) {
    state.busy = false
    $('otp-submit').disabled = false
    if (!res.ok) return setFieldError('otp', errorText(res.data))
    handleOutcome(res.data)
  }, function () {
    state.busy = false
    $('otp-submit').disabled = false
    setFieldError('otp', 'Could not reach Tijori. Try again.')
  })
}

function onResend() {
  api('POST', '/v1/checkout/payments/' + enc(state.paymentId) + '/otp/resend', { key_id: state.key }).then(function (res) {
    $('otp-status').textContent = res.ok ? 'A new OTP has been sent.' : errorText(res.data)
  })
}

function showBank(url) {
  $('bank-title').textContent = state.method === 'wallet' ? 'Complete the payment in your wallet' : "Complete the payment on your bank's page"
  $('bank-frame').src = url
  show('view-bank')
}

function onBankReturn() {
  $('bank-frame').removeAttribute('src')
  $('processing-text').textContent = 'Confirming your payment…'
  show('view-processing')
  api('GET', '/v1/checkout/payments/' + enc(state.paymentId) + '?key_id=' + enc(state.key)).then(function (res) {
    if (!res.ok) return fatal(errorText(res.data))
    handleOutcome(res.data)
  }, networkError)
}
