/**
 * Settlement statuses (RT:api/settlements/entity.md, RT:api/settlements/instant/entity.md).
 * Test mode never fails a settlement: scheduled settlements are created `processed`; on-demand
 * settlements go initiated → processed (payouts created → processed) a minute later.
 */
export type SettlementStatus = 'created' | 'processed' | 'failed'
export type OndemandStatus = 'created' | 'initiated' | 'partially_processed' | 'processed' | 'reversed'
export type OndemandPayoutStatus = 'created' | 'initiated' | 'processed' | 'reversed'
