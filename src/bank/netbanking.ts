/**
 * Netbanking banks the simulated bank offers, by Razorpay bank code.
 *
 * Why: `bank` on a netbanking payment must be a Razorpay bank code, and `GET /v1/methods`
 * returns this map. Test mode shows "any listed bank, then a mock page with success or failure"
 * (spec §5), so every bank here behaves the same.
 *
 * Source: the `netbanking` map of the `GET /v1/methods` sample in
 * RT:payments/payment-gateway/s2s-integration/payment-methods/methods-api.md (the newest list),
 * plus HDFC and SBIN, which that sample omits but RT:payments/payment-methods/netbanking.md lists.
 * Left out: banks only the older list has, all merged away (SBBJ, SBHY, SBMY, STBP, SBTR, BKDN, ANDB_C).
 *
 * Razorpay lists Punjab National Bank and Bank of Baroda retail netbanking as `PUNB_R` and
 * `BARB_R`; the downtime API names the same banks `PUNB`/`BARB` (RT:api/payments/downtime/entity.md),
 * so those two plain codes are accepted as aliases (`resolveBankCode`) but not listed.
 */

/** Bank code → display name, ordered by name as Razorpay orders it. */
export const NETBANKING_BANKS: Readonly<Record<string, string>> = Object.freeze({
  AIRP: 'Airtel Payments Bank',
  ANDB: 'Andhra Bank',
  AUBL: 'AU Small Finance Bank',
  UTIB: 'Axis Bank',
  BDBL: 'Bandhan Bank',
  BBKM: 'Bank of Bahrein and Kuwait',
  BARB_R: 'Bank of Baroda - Retail Banking',
  VIJB: 'Bank of Baroda - Retail Banking (Erstwhile Vijaya Bank)',
  BKID: 'Bank of India',
  MAHB: 'Bank of Maharashtra',
  BACB: 'Bassein Catholic Co-operative Bank',
  CNRB: 'Canara Bank',
  CSBK: 'Catholic Syrian Bank',
  CBIN: 'Central Bank of India',
  CIUB: 'City Union Bank',
  COSB: 'Cosmos Co-operative Bank',
  DCBL: 'DCB Bank',
  DEUT: 'Deutsche Bank',
  DBSS: 'Development Bank of Singapore',
  DLXB: 'Dhanlaxmi Bank',
  DLXB_C: 'Dhanlaxmi Bank - Corporate Banking',
  ESFB: 'Equitas Small Finance Bank',
  ESAF: 'ESAF Small Finance Bank',
  FDRL: 'Federal Bank',
  FSFB: 'Fincare Small Finance Bank',
  HDFC: 'HDFC Bank',
  HSBC: 'HSBC',
  ICIC: 'ICICI Bank',
  IBKL: 'IDBI',
  IBKL_C: 'IDBI - Corporate Banking',
  IDFB: 'IDFC FIRST Bank',
  IDIB: 'Indian Bank',
  ALLA: 'Indian Bank (Erstwhile Allahabad Bank)',
  IOBA: 'Indian Overseas Bank',
  INDB: 'Indusind Bank',
  JAKA: 'Jammu and Kashmir Bank',
  JSFB: 'Jana Small Finance Bank',
  JSBP: 'Janata Sahakari Bank (Pune)',
  KCCB: 'Kalupur Commercial Co-operative Bank',
  KJSB: 'Kalyan Janata Sahakari Bank',
  KARB: 'Karnataka Bank',
  KVBL: 'Karur Vysya Bank',
  KKBK: 'Kotak Mahindra Bank',
  LAVB_C: 'Lakshmi Vilas Bank - Corporate Banking',
  LAVB_R: 'Lakshmi Vilas Bank - Retail Banking',
  MSNU: 'Mehsana Urban Co-operative Bank',
  NKGS: 'NKGSB Co-operative Bank',
  NESF: 'North East Small Finance Bank',
  NSPB: 'NSDL Payments Bank',
  ORBC: 'PNB (Erstwhile-Oriental Bank of Commerce)',
  UTBI: 'PNB (Erstwhile-United Bank of India)',
  PSIB: 'Punjab & Sind Bank',
  PUNB_R: 'Punjab National Bank - Retail Banking',
  RATN: 'RBL Bank',
  RATN_C: 'RBL Bank - Corporate Banking',
  ABNA: 'Royal Bank of Scotland N.V.',
  SRCB: 'Saraswat Co-operative Bank',
  SVCB_C: 'Shamrao Vithal Bank - Corporate Banking',
  SVCB: 'Shamrao Vithal Co-operative Bank',
  SIBL: 'South Indian Bank',
  SCBL: 'Standard Chartered Bank',
  SBIN: 'State Bank of India',
  SURY: 'Suryoday Small Finance Bank',
  SYNB: 'Syndicate Bank',
  TMBL: 'Tamilnadu Mercantile Bank',
  TNSC: 'Tamilnadu State Apex Co-operative Bank',
  TBSB: 'Thane Bharat Sahakari Bank',
  TJSB: 'Thane Janata Sahakari Bank',
  UCBA: 'UCO Bank',
  UBIN: 'Union Bank of India',
  CORP: 'Union Bank of India (Erstwhile Corporation Bank)',
  VARA: 'Varachha Co-operative Bank',
  YESB: 'Yes Bank',
  YESB_C: 'Yes Bank - Corporate Banking',
  ZCBL: 'Zoroastrian Co-operative Bank',
})

/** Plain codes accepted for banks that Razorpay lists under a suffixed code. */
export const BANK_CODE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  PUNB: 'PUNB_R',
  BARB: 'BARB_R',
})

/**
 * The listed bank code for `code` (itself, or the listed code of an alias), or null when the bank
 * is not offered. Codes are upper-case and matched exactly, as Razorpay sends them.
 */
export function resolveBankCode(code: unknown): string | null {
  if (typeof code !== 'string') return null
  if (Object.hasOwn(NETBANKING_BANKS, code)) return code
  if (Object.hasOwn(BANK_CODE_ALIASES, code)) return BANK_CODE_ALIASES[code]
  return null
}

export function isKnownBank(code: unknown): boolean {
  return resolveBankCode(code) !== null
}

/** Display name of a bank code or alias, or null. */
export function bankName(code: unknown): string | null {
  const listed = resolveBankCode(code)
  return listed === null ? null : NETBANKING_BANKS[listed]
}

export { WALLETS, isKnownWallet } from './wallets.js'
