/**
 * The body of `GET /v1/methods`: which payment methods the simulated bank accepts.
 *
 * Why: Checkout and custom integrations call it to decide what to show, so it must have the shape
 * of Razorpay's response (sample: RT:payments/payment-gateway/s2s-integration/payment-methods/methods-api.md)
 * and must agree with what the sandbox really accepts. Hence the differences from the sample,
 * which shows one merchant's configuration:
 *  - `amex: true`, `card_networks.AMEX: 1`: the documented Amex test card works here.
 *  - `card_networks.JCB: 0`: the card entity has no JCB network; JCB numbers classify as "Unknown".
 *  - `paylater: []`, `cardless_emi: []`, `app` all 0: no test instruments are documented for them.
 *  - `emi_types.debit: false`, `debit_emi_providers: {}`: no debit EMI test card (see emi.ts).
 *  - `upi_intent: false`: "UPI Intent and QR can only be tested in live mode" (spec §5).
 * Each call returns a fresh object, so callers may adjust it per merchant.
 */
import { EMI_PLANS, emiOptions, type EmiOption, type EmiPlan } from './emi.js'
import { NETBANKING_BANKS } from './netbanking.js'
import { WALLETS } from './wallets.js'

export interface PaymentMethods {
  entity: 'methods'
  card: boolean
  debit_card: boolean
  credit_card: boolean
  prepaid_card: boolean
  card_networks: Record<'AMEX' | 'DICL' | 'MC' | 'MAES' | 'VISA' | 'JCB' | 'RUPAY' | 'BAJAJ', 0 | 1>
  card_subtype: { consumer: 0 | 1; business: 0 | 1 }
  amex: boolean
  netbanking: Record<string, string>
  wallet: Record<string, boolean>
  emi: boolean
  upi: boolean
  cardless_emi: unknown[] | Record<string, boolean>
  paylater: unknown[] | Record<string, boolean>
  google_pay_cards: boolean
  app: Record<string, 0 | 1>
  gpay: boolean
  emi_types: { credit: boolean; debit: boolean }
  debit_emi_providers: Record<string, 0 | 1>
  nach: boolean
  cod: boolean
  emi_subvention: 'customer' | 'merchant'
  emi_plans: Record<string, EmiPlan>
  emi_options: Record<string, EmiOption[]>
  recurring: { card: { credit: string[] }; upi: boolean; nach: boolean }
  upi_intent: boolean
}

/** A fresh `GET /v1/methods` body listing every method the simulated bank supports. */
export function paymentMethods(): PaymentMethods {
  const wallet: Record<string, boolean> = {}
  for (const code of Object.keys(WALLETS)) wallet[code] = true
  const emiPlans: Record<string, EmiPlan> = {}
  for (const [bank, plan] of Object.entries(EMI_PLANS)) {
    emiPlans[bank] = { min_amount: plan.min_amount, plans: { ...plan.plans } }
  }
  return {
    entity: 'methods',
    card: true,
    debit_card: true,
    credit_card: true,
    prepaid_card: true,
    card_networks: { AMEX: 1, DICL: 1, MC: 1, MAES: 1, VISA: 1, JCB: 0, RUPAY: 1, BAJAJ: 0 },
    card_subtype: { consumer: 1, business: 1 },
    amex: true,
    netbanking: { ...NETBANKING_BANKS },
    wallet,
    emi: true,
    upi: true,
    cardless_emi: [],
    paylater: [],
    google_pay_cards: false,
    app: { cred: 0, twid: 0 },
    gpay: false,
    emi_types: { credit: true, debit: false },
    debit_emi_providers: {},
    nach: false,
    cod: false,
    emi_subvention: 'customer',
    emi_plans: emiPlans,
    emi_options: emiOptions(),
    recurring: { card: { credit: ['MasterCard', 'Visa'] }, upi: true, nach: false },
    upi_intent: false,
  }
}
