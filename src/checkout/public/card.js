/*
 * Client-side card checks, so a typo is caught before a request (the server checks again):
 * Luhn, 12–19 digits, an expiry not in the past, a CVV of 3 digits (4 for American Express).
 * Messages follow the server's wording where it has one.
 */
;(function (global) {
  'use strict'

  function digitsOf(s) {
    return String(s || '').replace(/[\s-]/g, '')
  }

  function luhn(d) {
    if (!/^[0-9]+$/.test(d)) return false
    var sum = 0
    var dbl = false
    for (var i = d.length - 1; i >= 0; i--) {
      var n = d.charCodeAt(i) - 48
      if (dbl) {
        n *= 2
        if (n > 9) n -= 9
      }
      sum += n
      dbl = !dbl
    }
    return sum % 10 === 0
  }

  function isAmex(d) {
    return /^3[47]/.test(d)
  }

  /** Returns an error message, or '' when the number may be sent. */
  function checkNumber(value) {
    var d = digitsOf(value)
    if (d === '') return 'Enter the card number.'
    if (!/^[0-9]{12,19}$/.test(d) || !luhn(d)) return 'The card number is invalid.'
    return ''
  }

  /** "MM/YY", "MM / YYYY", "MMYY" → {month, year} (4-digit year), or null. */
  function parseExpiry(value) {
    var m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(String(value || ''))
    if (!m) return null
    var month = Number(m[1])
    var year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2])
    if (month < 1 || month > 12) return null
    return { month: month, year: year }
  }

  function checkExpiry(value, now) {
    if (!String(value || '').trim()) return 'Enter the expiry date.'
    var e = parseExpiry(value)
    if (!e) return 'Enter the expiry as MM/YY.'
    now = now || new Date()
    var y = now.getFullYear()
    var mo = now.getMonth() + 1
    if (e.year < y || (e.year === y && e.month < mo)) return 'The card has expired.'
    return ''
  }

  function checkCvv(value, number) {
    var want = isAmex(digitsOf(number)) ? 4 : 3
    if (!String(value || '')) return 'Enter the CVV.'
    if (!new RegExp('^[0-9]{' + want + '}$').test(String(value))) return 'The cvv must be ' + want + ' digits.'
    return ''
  }

  global.TijoriCard = { digitsOf: digitsOf, luhn: luhn, checkNumber: checkNumber, parseExpiry: parseExpiry, checkExpiry: checkExpiry, checkCvv: checkCvv }
})(typeof window !== 'undefined' ? window : globalThis)
