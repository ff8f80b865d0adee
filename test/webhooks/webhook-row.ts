/** A webhooks row written straight to the store, for tests below the HTTP API. */
export const webhookRow = (id: string, merchantId: string, events: string[], active = 1) => ({
  id,
  merchant_id: merchantId,
  owner_id: merchantId,
  url: `http://127.0.0.1:9/${id}`,
  secret: 'whsec',
  events: JSON.stringify(events),
  active,
  alert_email: null,
  chaos: null,
  disabled_at: null,
  created_at: 1,
  updated_at: 1,
})
