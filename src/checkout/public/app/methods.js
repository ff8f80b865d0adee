// The method picker, the UPI QR and the EMI plans.
function selectMethod(method) {
  var radio = document.querySelector('input[name=method][value="' + method + '"]')
  if (!radio) return
  radio.checked = true
  onMethodChange()
}

function onMethodChange() {
  var checked = document.querySelector('input[name=method]:checked')
  state.method = checked ? checked.value : 'card'
  var panels = document.querySelectorAll('.panel')
  for (var i = 0; i < panels.length; i++) panels[i].hidden = panels[i].getAttribute('data-method') !== state.method
  if (state.method === 'upi') showQr()
  clearErrors()
  updatePayButton()
}

function updatePayButton() {
  var button = $('pay-button')
  if (state.recurring) {
    // A mandate is authorised, not paid; paper NACH is authorised by uploading the signed form.
    button.disabled = state.method === 'nach'
    button.textContent = state.method === 'nach' ? 'Upload the signed form on its page' : 'Authorise' + (state.amount > 0 ? ' ' + fmt(state.amount) : '')
    return
  }
  var emi = state.method === 'emi'
  button.disabled = emi
  button.textContent = emi ? 'EMI payments are not available yet' : 'Pay ' + fmt(state.amount)
}

function showQr() {
  var img = $('upi-qr-image')
  if (img.getAttribute('src') || !state.prefs) return
  var q = '?key_id=' + enc(state.key) + '&amount=' + state.amount + '&currency=' + enc(state.currency)
  if (state.orderId) q += '&order_id=' + enc(state.orderId)
  q += '&name=' + enc($('merchant-name').textContent)
  img.src = '/v1/checkout/upi-qr.svg' + q
}

function renderEmi() {
  var methods = state.prefs.methods
  var plans = methods.emi_plans || {}
  var banks = Object.keys(plans)
  var select = $('emi-bank')
  var eligible = banks.filter(function (b) { return state.amount >= plans[b].min_amount })
  select.innerHTML = ''
  $('emi-plans').innerHTML = ''
  if (eligible.length === 0) {
    var min = Math.min.apply(null, banks.map(function (b) { return plans[b].min_amount }))
    select.disabled = true
    $('emi-note').textContent = banks.length ? 'EMI is available on amounts of ' + fmt(min) + ' and above.' : 'No EMI plans are offered.'
    return
  }
  eligible.forEach(function (b) {
    var opt = document.createElement('option')
    opt.value = b
    opt.textContent = (methods.netbanking && methods.netbanking[b]) || b
    select.appendChild(opt)
  })
  var list = function () {
    var bank = plans[select.value]
    var ul = $('emi-plans')
    ul.innerHTML = ''
    Object.keys(bank.plans).forEach(function (months) {
      var rate = bank.plans[months]
      var each = F.emiInstalment(state.amount, Number(months), rate)
      var li = document.createElement('li')
      li.textContent = months + ' months: ' + fmt(each) + ' a month at ' + rate + '% a year (total ' + fmt(each * Number(months)) + ')'
      ul.appendChild(li)
    })
  }
  select.onchange = list
  list()
  $('emi-note').textContent = "EMI plans are shown for reference: this Tijori version's payment service has no EMI method yet, so pay the full amount with another method."
}
