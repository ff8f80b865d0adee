// The merchant's front end, written exactly as for Razorpay's Standard Checkout
// (web-integration/standard/integration-steps.md 1.2.2, "Handler Functions").
window.checkoutEvents = []

function record(name, data) {
  window.checkoutEvents.push({ name: name, data: data })
  var li = document.createElement('li')
  li.textContent = name + (data ? ': ' + JSON.stringify(data) : '')
  document.getElementById('events').appendChild(li)
}

function postJson(url, body) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) {
    return r.json()
  })
}

document.getElementById('rzp-button1').onclick = function (e) {
  e.preventDefault()
  var amount = Number(document.getElementById('amount').value)
  // 1. Create the order on the server (it holds the key secret).
  postJson('/api/orders', { amount: amount }).then(function (order) {
    record('order created', order)
    var options = {
      key: document.body.getAttribute('data-key-id'),
      amount: order.amount,
      currency: order.currency,
      name: 'Acme Corp',
      description: 'Test Transaction',
      image: '/logo.svg',
      order_id: order.id,
      // 2. Checkout calls this with razorpay_payment_id, razorpay_order_id and razorpay_signature.
      handler: function (response) {
        record('handler', response)
        // 3. The server verifies the signature and captures the payment.
        postJson('/api/verify', response).then(function (result) {
          record('verified', result)
          document.getElementById('result').textContent = JSON.stringify(result, null, 2)
        })
      },
      prefill: { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', contact: '+919000090000' },
      notes: { address: 'Razorpay Corporate Office' },
      theme: { color: '#3399cc' },
      modal: {
        ondismiss: function () {
          record('dismissed')
        },
      },
    }
    var rzp1 = new Razorpay(options)
    rzp1.on('payment.failed', function (response) {
      record('payment.failed', response.error)
    })
    rzp1.once('ready', function () {
      record('ready', { banks: Object.keys(rzp1.methods.netbanking).length, emi_banks: Object.keys(rzp1.methods.emi_plans).length })
    })
    rzp1.open()
  })
}
