/**
 * Every failure leaves as Razorpay's envelope with the right status: ApiErrors as they are,
 * schema failures as BAD_REQUEST_ERROR with the field, framework errors (body too large, bad JSON)
 * as 4xx, and anything unexpected as a 500 SERVER_ERROR whose details go to the log only.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { ApiError, errors } from './errors.js'
import { validationToApiError } from './validation.js'

export const BODY_LIMIT = 1024 * 1024

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, req, reply) => {
    let api: ApiError
    if (err instanceof ApiError) api = err
    else if (err.validation) api = validationToApiError(err.validation as never, err.validationContext)
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') api = errors.bodyTooLarge(BODY_LIMIT)
    else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') api = errors.unsupportedMedia(String(req.headers['content-type']))
    else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
      api = errors.invalidJson()
    else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
      api = errors.invalid('body', err.message)
    else {
      req.log.error({ err }, 'unhandled error')
      api = errors.server()
    }
    if (api.status >= 500 && err instanceof ApiError) req.log.warn({ err }, 'server error')
    return reply.code(api.status).type('application/json').send(JSON.stringify(api.toJSON()))
  })
  app.setNotFoundHandler((_req, reply) => {
    const api = errors.urlNotFound()
    return reply.code(api.status).type('application/json').send(JSON.stringify(api.toJSON()))
  })
}
