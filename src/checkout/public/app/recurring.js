// Recurring (issue 5): a registration link, or a checkout opened with `recurring`, authorises a
// mandate for the order's customer. Only the order's method is offered; an e-mandate adds the bank
// and the way the customer authenticates; paper NACH points to the form to sign and upload.
function applyRecurring(r) {
  state.recurring = r
  var radios = document.querySelectorAll('input[name=method]')
  for (var i = 0; i < radios.length; i++) radios[i].parentNode.hidden = radios[i].value !== r.method
  selectMethod(r.method)
  var c = r.customer || {}
  if (c.contact && !$('contact').value) $('contact').value = String(c.contact)
  if (c.email && !$('email').value) $('email').value = String(c.email)
  if (c.name && !$('card-name').value) $('card-name').value = String(c.name)
  if (r.method === 'emandate') {
    FIELD_INPUT.bank = 'emandate-bank'
    FIELD_INPUT.auth_type = 'emandate-auth'
    var b = r.bank_account
    if (b) {
      $('mandate-account').textContent =
        'Mandate of up to ' + fmt(r.max_amount) + ' a debit on ' + (b.bank_name || b.bank) + ' account ' + b.account_number + (b.name ? ' (' + b.name + ')' : '') + '.'
      $('emandate-bank').value = b.bank
      $('emandate-bank').disabled = true
    } else $('mandate-account').textContent = 'Mandate of up to ' + fmt(r.max_amount) + ' a debit.'
    if (r.auth_type) {
      $('emandate-auth').value = r.auth_type
      $('emandate-auth').disabled = true
    }
  }
  if (r.method === 'nach' && r.nach_form) $('nach-form').href = r.nach_form
  updatePayButton()
}

/** Adds what an authorisation payment sends: recurring, the customer, the e-mandate's bank and auth type. */
function recurringFields(body, need) {
  body.recurring = '1'
  if (state.recurring.customer) body.customer_id = state.recurring.customer.id
  if (state.method === 'emandate') {
    need('emandate-bank', $('emandate-bank').value ? '' : 'Select your bank.')
    body.bank = $('emandate-bank').value
    body.auth_type = $('emandate-auth').value
  }
}
