// The method picker, the UPI QR and the EMI plans.
var CARD_HINT = $('card-number-hint').textContent

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
  for (var i = 0; i < panels.length; i++) panels[i].hidden = panels[i].getAttribute('data-method').split(' ').indexOf(state.method) < 0
  if (state.method === 'upi') showQr()
  $('card-number-hint').textContent = state.method === 'emi' ? 'Test mode: the EMI card 5241 8100 0000 0000 (HDFC) pays; other cards are refused.' : CARD_HINT
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
  // EMI needs a plan for this amount (renderEmi disables the issuer list when there is none).
  var noEmi = state.method === 'emi' && $('emi-bank').disabled
  button.disabled = noEmi
  button.textContent = noEmi ? 'EMI is not available on this amount' : 'Pay ' + fmt(state.amount)
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
  $('emi-plans').parentNode.hidden = eligible.length === 0
  if (eligible.length === 0) {
    var min = Math.min.apply(null, banks.map(function (b) { return plans[b].min_amount }))
    select.disabled = true
    $('emi-note').textContent = banks.length ? 'EMI is available on amounts of ' + fmt(min) + ' and above.' : 'No EMI plans are offered.'
    return
  }
  select.disabled = false
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
      var label = document.createElement('label')
      var radio = document.createElement('input')
      radio.type = 'radio'
      radio.name = 'emi-duration'
      radio.value = months
      label.appendChild(radio)
      label.appendChild(document.createTextNode(months + ' months: ' + fmt(each) + ' a month at ' + rate + '% a year (total ' + fmt(each * Number(months)) + ')'))
      li.appendChild(label)
      ul.appendChild(li)
    })
  }
  select.onchange = list
  list()
  $('emi-note').textContent = "Choose your card's bank and a plan, then enter that bank's credit card."
}
