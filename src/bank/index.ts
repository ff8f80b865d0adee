/**
 * The simulated bank: decides test-payment outcomes from Razorpay's documented TEST instruments.
 *
 * Why: the rest of the server asks this module "what card is this, does this OTP pass, what error
 * does this payment fail with", and gets pure answers with no I/O and no clock.
 */
export { luhnValid } from './luhn.js'
export { CARD_NETWORKS, cvvLength, networkFromIin, type CardNetwork } from './networks.js'
export { TEST_CARDS, findTestCard, type CardScenario, type CardType, type TestCard } from './test-cards.js'
export { classifyCard, validateCvv, validateExpiry, type CardClassification, type CardInfo } from './cards.js'
export {
  CARD_ERROR_REASONS,
  authenticationFailedError,
  bankPageFailureError,
  cardExpiredError,
  inputValidationError,
  invalidCardNumberError,
  invalidVpaError,
  requiredFieldError,
  scenarioError,
  upiFailureError,
  type CardErrorReason,
  type PaymentError,
  type PaymentErrorCode,
} from './errors.js'
export { checkOtp, type OtpVerdict } from './otp.js'
export { BANK_CODE_ALIASES, NETBANKING_BANKS, bankName, isKnownBank, resolveBankCode } from './netbanking.js'
export { WALLETS, isKnownWallet } from './wallets.js'
export {
  TEST_VPA_CUSTOMER_NAME,
  UPI_FAILURE_VPA,
  UPI_SUCCESS_VPA,
  upiScenario,
  validateVpa,
  validateVpaFormat,
  vpaCustomerName,
  type VpaValidationBody,
} from './upi.js'
export { EMI_PLANS, emiOptions, merchantPayback, type EmiOption, type EmiPlan } from './emi.js'
export { paymentMethods, type PaymentMethods } from './methods.js'
export { bankPageOutcome, cardOutcome, upiOutcome, type BankOutcome, type BankPageAction } from './outcome.js'
