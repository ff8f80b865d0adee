/**
 * Razorpay's documented TEST card numbers and what each one does in the simulated bank.
 *
 * Why: the sandbox decides outcomes from the card number alone, exactly as Razorpay test mode
 * does, so this table is the single source of truth for "which card does what".
 *
 * Sources (RT: = shared/razorpay-docs):
 *  - RT:payments/payments/test-card-details.md: domestic success cards, the error-card table,
 *    international cards, subscription cards and the EMI card.
 *  - SEED-003 (shared/seeds/003_*.txt, the 2015–18 Checkout Form page): legacy cards. It lists
 *    5104 0155 5555 5558 and 5104 0600 0000 0008 as domestic, but the current page lists them as
 *    international; the newer docs win (shared/seeds/README.md), so they are international here.
 *
 * Fields the docs do not state are CHOSEN: `type` is 'credit' unless documented otherwise and
 * `issuer` is null (the entity sample also has a null issuer), except the EMI card, which gets
 * issuer HDFC so that EMI plans (keyed by issuer bank) can apply to it.
 */
import type { CardErrorReason } from './errors.js'
import type { CardNetwork } from './networks.js'

/** What the mock bank does with a card: succeed, or fail with the named documented error. */
export type CardScenario = 'success' | CardErrorReason

export type CardType = 'credit' | 'debit' | 'prepaid' | 'unknown'

export interface TestCard {
  /** Digits only. */
  number: string
  network: CardNetwork
  type: CardType
  issuer: string | null
  international: boolean
  emi: boolean
  scenario: CardScenario
  /** Which docs table the card comes from. */
  group: 'domestic' | 'error' | 'international' | 'subscription' | 'emi' | 'legacy'
}

type Row = [number: string, network: CardNetwork, scenario: CardScenario]

function build(group: TestCard['group'], rows: Row[], extra: Partial<TestCard> = {}): TestCard[] {
  return rows.map(([number, network, scenario]) => ({
    number: number.replace(/ /g, ''),
    network,
    type: 'credit',
    issuer: null,
    international: false,
    emi: false,
    scenario,
    group,
    ...extra,
  }))
}

const DOMESTIC: Row[] = [
  ['4100 2800 0000 1007', 'Visa', 'success'],
  ['5500 6700 0000 1002', 'MasterCard', 'success'],
  ['6527 6589 0000 1005', 'RuPay', 'success'],
  ['3608 280009 1007', 'Diners Club', 'success'],
  ['3402 560004 01007', 'American Express', 'success'],
]

const ERRORS: Row[] = [
  ['4100 2800 0009 0000', 'Visa', 'payment_timed_out'],
  ['5305 6200 0006 0000', 'MasterCard', 'payment_timed_out'],
  ['4100 2800 0008 0001', 'Visa', 'insufficient_fund'],
  ['5305 6200 0005 0001', 'MasterCard', 'insufficient_fund'],
  ['4100 2800 0007 0002', 'Visa', 'payment_cancelled'],
  ['5305 6200 0004 0002', 'MasterCard', 'payment_cancelled'],
  ['4100 2800 0006 0003', 'Visa', 'card_declined'],
  ['5305 6200 0003 0003', 'MasterCard', 'card_declined'],
  ['4100 2800 0005 0004', 'Visa', 'card_declined'],
  ['5305 6200 0002 0004', 'MasterCard', 'card_declined'],
  ['4100 2800 0004 0005', 'Visa', 'card_declined'],
  ['5305 6200 0001 0005', 'MasterCard', 'card_declined'],
  ['4100 2800 0003 0006', 'Visa', 'card_disabled_for_online_payments'],
  ['5305 6200 0000 0006', 'MasterCard', 'card_disabled_for_online_payments'],
  ['4100 2800 0001 0008', 'Visa', 'card_number_invalid'],
  ['5305 6200 0008 0008', 'MasterCard', 'card_number_invalid'],
  ['4100 2800 0002 0007', 'Visa', 'gateway_technical_error'],
  ['5305 6200 0009 0007', 'MasterCard', 'gateway_technical_error'],
  ['4100 2800 0000 0009', 'Visa', 'authentication_failed'],
  ['5305 6200 0007 0009', 'MasterCard', 'authentication_failed'],
]

/** Every documented test card, digits only. Numbers are unique across the table. */
export const TEST_CARDS: readonly TestCard[] = [
  ...build('domestic', DOMESTIC),
  ...build('error', ERRORS),
  ...build(
    'international',
    [
      ['5555 5555 5555 4444', 'MasterCard', 'success'],
      ['5105 1051 0510 5100', 'MasterCard', 'success'], // may ask for a US address (docs give one)
      ['4012 8888 8888 1881', 'Visa', 'success'],
    ],
    { international: true },
  ),
  // Subscriptions table: 5104 0600 0000 0008 is also in the international table, as a debit card.
  ...build('subscription', [['4718 6091 0820 4366', 'Visa', 'success']]),
  ...build('subscription', [['5104 0155 5555 5558', 'MasterCard', 'success']], { international: true }),
  ...build('subscription', [['5104 0600 0000 0008', 'MasterCard', 'success']], {
    international: true,
    type: 'debit',
  }),
  ...build('emi', [['5241 8100 0000 0000', 'MasterCard', 'success']], { emi: true, issuer: 'HDFC' }),
  ...build('legacy', [['4111 1111 1111 1111', 'Visa', 'success']]),
  ...build('legacy', [['4000 1841 8621 8826', 'Visa', 'success']], { international: true }),
]

const BY_NUMBER: ReadonlyMap<string, TestCard> = new Map(TEST_CARDS.map((c) => [c.number, c]))

/** The documented test card with these digits, if any. */
export function findTestCard(digits: string): TestCard | undefined {
  return BY_NUMBER.get(digits)
}
