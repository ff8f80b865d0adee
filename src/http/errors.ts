/**
 * The error catalog. Services throw these, never `new Error('…')` and never raw HTTP statuses;
 * the error handler turns them into Razorpay's envelope:
 *   {"error":{"code","description","source","step","reason","metadata","field"}}
 * Descriptions are Razorpay's own texts (shared/spec/behaviors.md §6; razorpay-docs error tables).
 */
export type ErrorCode = 'BAD_REQUEST_ERROR' | 'GATEWAY_ERROR' | 'SERVER_ERROR'

export interface ErrorBody {
  code: ErrorCode
  description: string
  source: string | null
  step: string | null
  reason: string | null
  metadata: Record<string, unknown>
  field?: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.description)
  }

  toJSON(): { error: ErrorBody } {
    return { error: this.body }
  }
}

interface Opts {
  field?: string
  source?: string | null
  step?: string | null
  reason?: string | null
  metadata?: Record<string, unknown>
  status?: number
  code?: ErrorCode
}

/** A 400 BAD_REQUEST_ERROR, defaulting to an input-validation failure as Razorpay reports it. */
export function badRequest(description: string, opts: Opts = {}): ApiError {
  const body: ErrorBody = {
    code: opts.code ?? 'BAD_REQUEST_ERROR',
    description,
    source: opts.source === undefined ? 'business' : opts.source,
    step: opts.step === undefined ? 'payment_initiation' : opts.step,
    reason: opts.reason === undefined ? 'input_validation_failed' : opts.reason,
    metadata: opts.metadata ?? {},
  }
  if (opts.field !== undefined) body.field = opts.field
  return new ApiError(opts.status ?? 400, body)
}

/** Platform-level failures (routing, auth) carry "NA" where Razorpay does (razorpay-node #243, #315). */
function platform(status: number, description: string, opts: Opts = {}): ApiError {
  return badRequest(description, { source: 'NA', step: 'NA', reason: 'NA', status, ...opts })
}

export const errors = {
  notFound: (field = 'id') => badRequest('The id provided does not exist', { field }),
  invalidId: (id: string, field = 'id') => badRequest(`${id} is not a valid id`, { field }),
  urlNotFound: () => platform(400, 'The requested URL was not found on the server.'),
  /** A /_sandbox/… path with no route while the sandbox is on: Tijori's own API, so a plain 404. */
  sandboxNotFound: () => platform(404, 'The requested URL was not found on the server.'),
  sandboxOff: () => platform(404, 'The requested URL was not found on the server. The sandbox control API is turned off (TIJORI_SANDBOX=0).'),
  authMissing: () => platform(401, 'The api key provided is invalid'),
  authKeyInvalid: () => platform(401, 'The api key provided is invalid'),
  authFailed: () => platform(401, 'Authentication failed'),
  extraFields: (fields: string[]) =>
    badRequest(`${fields.join(', ')} is/are not required and should not be sent`, {
      field: fields[0],
      reason: 'extra_field_sent',
    }),
  required: (field: string) => badRequest(`The ${field} field is required.`, { field }),
  invalid: (field: string, description: string) => badRequest(description, { field }),
  bodyTooLarge: (limit: number) =>
    platform(413, `The request body is too large: the limit is ${limit} bytes.`),
  invalidJson: () => platform(400, 'The request body is not valid JSON.'),
  /** Requests Node's HTTP parser refuses before any route sees them (431 headers too large, 400 malformed). */
  malformedRequest: (status: number, description: string) => platform(status, description),
  unsupportedMedia: (type: string) =>
    platform(415, `Content type ${type} is not supported; send application/json or application/x-www-form-urlencoded.`),
  idempotencyMismatch: (description: string, status = 400) =>
    badRequest(description, { status, source: 'NA', step: 'NA', reason: 'NA' }),
  idempotencyInFlight: (description: string, field: string) =>
    badRequest(description, { status: 409, source: 'NA', step: 'NA', reason: 'NA', field }),
  server: () =>
    new ApiError(500, {
      code: 'SERVER_ERROR',
      description: 'We are facing some trouble completing your request at the moment. Please try again shortly.',
      source: 'NA',
      step: 'NA',
      reason: 'NA',
      metadata: {},
    }),
  unavailable: () =>
    new ApiError(503, {
      code: 'SERVER_ERROR',
      description: 'The server is shutting down. Please retry the request.',
      source: 'NA',
      step: 'NA',
      reason: 'NA',
      metadata: {},
    }),
}
