/*
 * Runs in the simulated bank page's frame after the customer chose Success or Failure: tells the
 * checkout page (same origin, the parent frame) which payment to look up. Hosted at top level
 * (no parent), it shows a plain message instead.
 */
;(function () {
  'use strict'
  var data = JSON.parse(document.getElementById('bank-return').textContent)
  if (window.parent && window.parent !== window) {
    window.parent.postMessage({ tijori: 'bank-return', payment_id: data.payment_id }, window.location.origin)
  } else {
    document.body.textContent = 'You can close this window and return to the checkout.'
  }
})()
