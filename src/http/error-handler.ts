/**
 * Every failure leaves as Razorpay's envelope with the right status: ApiErrors as they are,
 * schema failures as BAD_REQUEST_ERROR with the field, framework errors (body too large, bad JSON)
 * as 4xx, and anything unexpected as a 500 SERVER_ERROR whose details go to the log only.
 */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, errors } from './errors.js'
import { validationToApiError } from './validation.js'

export const BODY_LIMIT = 1024 * 1024

export function installErrorHandling(app: FastifyInstance, opts: { sandbox: boolean } = { sandbox: true }): void {
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
  app.setNotFoundHandler((req, reply) => {
    // /_sandbox/* is Tijori's own API, so a path or method it does not have is a 404 (saying so when
    // the API is turned off, TIJORI_SANDBOX=0); /v1 answers an unknown URL as Razorpay does, with 400.
    const sandbox = req.url.startsWith('/_sandbox/')
    const api = sandbox ? (opts.sandbox ? errors.sandboxNotFound() : errors.sandboxOff()) : errors.urlNotFound()
    return reply.code(api.status).type('application/json').send(JSON.stringify(api.toJSON()))
  })
}

/**
 * For Fastify's `frameworkErrors` option (a constructor option, so it is wired in app.ts). The router
 * rejects some URLs before any route or error handler runs — a path that is not valid
 * percent-encoding (FST_ERR_BAD_URL), a path segment over maxParamLength such as a 150-character
 * id (FST_ERR_MAX_PARAM_LENGTH) — and by default answers them in Fastify's own JSON with 400/414.
 * Razorpay answers a URL it cannot route with "The requested URL was not found on the server.".
 */
export function frameworkErrorHandler(_err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const api = errors.urlNotFound()
  void reply.code(api.status).type('application/json').send(JSON.stringify(api.toJSON()))
}

/**
 * For Fastify's `clientErrorHandler` option (app.ts): requests Node's HTTP parser refuses (headers or
 * URL over the 16 KB limit, malformed request lines) get the error envelope instead of Fastify's
 * `{"error":"Bad Request","message":"Client Error"}`.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  let api: ApiError
  if (err.code === 'HPE_HEADER_OVERFLOW') api = errors.malformedRequest(431, 'The request headers or URL are too large.')
  else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') api = errors.malformedRequest(408, 'The request took too long to arrive.')
  else api = errors.malformedRequest(400, 'The request is malformed.')
  const body = JSON.stringify(api.toJSON())
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${api.status} ${STATUS_CODES[api.status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(err)
}
