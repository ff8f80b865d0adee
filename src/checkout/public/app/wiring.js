// Event listeners, and the start: wait for the options (modal) or use the posted ones (hosted).
var radios = document.querySelectorAll('input[name=method]')
for (var i = 0; i < radios.length; i++) radios[i].addEventListener('change', onMethodChange)
$('view-pay').addEventListener('submit', onPay)
$('view-otp').addEventListener('submit', onOtp)
$('otp-resend').addEventListener('click', onResend)
$('retry').addEventListener('click', function () {
  clearErrors()
  show('view-pay')
})
$('failed-close').addEventListener('click', dismiss)
$('close').addEventListener('click', dismiss)
document.addEventListener('keydown', function (e) {
  if ((e.key === 'Escape' || e.key === 'Esc') && !hosted) toParent({ type: 'escape' })
})
window.addEventListener('message', function (e) {
  var d = e.data
  if (!d || typeof d !== 'object') return
  if (d.tijori === 'checkout' && d.type === 'options' && !hosted) {
    if (e.source !== window.parent || d.id !== boot.channel) return
    if (parentOrigin !== '*' && e.origin !== parentOrigin) return
    if (!state.o) start(d.options)
  } else if (d.tijori === 'bank-return') {
    if (e.origin !== window.location.origin || e.source !== $('bank-frame').contentWindow) return
    if (state.paymentId) onBankReturn()
  }
})

if (hosted) start(boot.options)
else if (window.parent === window) fatal('This page opens inside checkout.js. Include checkout.js on your page and call new Razorpay(options).open().')
else toParent({ type: 'loaded' })
