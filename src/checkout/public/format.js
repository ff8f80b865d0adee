/*
 * Formatting for the checkout page: amounts in major units with the currency's symbol, and EMI
 * instalments (the same formula as Razorpay.emi.calculator in checkout.js).
 */
;(function (global) {
  'use strict'

  /** "₹500.00" for (50000, 'INR', 2); falls back to "INR 500.00" where Intl cannot format. */
  function formatAmount(amount, currency, exponent) {
    var exp = typeof exponent === 'number' ? exponent : 2
    var major = amount / Math.pow(10, exp)
    try {
      return new Intl.NumberFormat('en-IN', { style: 'currency', currency: currency, minimumFractionDigits: exp, maximumFractionDigits: exp }).format(major)
    } catch (e) {
      return currency + ' ' + major.toFixed(exp)
    }
  }

  /** Monthly instalment, truncated to the principal's unit; see checkout.js. */
  function emiInstalment(principal, months, annualRate) {
    if (!annualRate) return Math.ceil(principal / months)
    var r = annualRate / 1200
    var m = Math.pow(1 + r, months)
    return Math.floor((principal * r * m) / (m - 1))
  }

  global.TijoriFormat = { formatAmount: formatAmount, emiInstalment: emiInstalment }
})(typeof window !== 'undefined' ? window : globalThis)
