/**
 * The one email shape every endpoint checks (customers, contacts, wallet fund accounts, webhook
 * alert emails, payments, merchants): something@domain.tld with no spaces. Razorpay's texts only
 * say "must be a valid email address"; this is the loosest rule that refuses the obvious mistakes.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const isEmail = (s: string): boolean => EMAIL.test(s)
