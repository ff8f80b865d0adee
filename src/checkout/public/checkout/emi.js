// Razorpay.emi.calculator.
/**
 * Monthly instalment of a reducing-balance loan: P·r·(1+r)^n / ((1+r)^n − 1) with r = rate/1200,
 * truncated to the principal's unit; with no interest, the principal over n, rounded up.
 * Razorpay.emi.calculator(10000, 12, 9) === 874 (the seed's example).
 */
function emiCalculator(principal, months, annualRate) {
  principal = Number(principal)
  months = Number(months)
  annualRate = Number(annualRate)
  if (!annualRate) return Math.ceil(principal / months)
  var r = annualRate / 1200
  var m = Math.pow(1 + r, months)
  return Math.floor((principal * r * m) / (m - 1))
}
