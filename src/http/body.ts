/**
 * Request bodies: JSON, and application/x-www-form-urlencoded with bracket notation. An empty body
 * parses as {} whatever its type — the SDK sends body-less POSTs with the form content type.
 * A request with no body at all (no content type either) is validated as {} too, so a body-less
 * PATCH answers "The notes field is required." rather than a complaint about the body's type.
 */
import type { FastifyInstance } from 'fastify'
import { parseBrackets } from './brackets.js'
import { errors } from './errors.js'

export function installBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim()
    if (text === '') return done(null, {})
    try {
      const parsed: unknown = JSON.parse(text)
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return done(errors.invalidJson(), undefined)
      done(null, parsed)
    } catch {
      done(errors.invalidJson(), undefined)
    }
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseBrackets(body as string))
  })
  // Any other declared type with an empty body (e.g. text/plain on a body-less POST) is treated as
  // no body; a non-empty body of an unknown type is refused with 415.
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).length === 0) return done(null, {})
    done(errors.unsupportedMedia(String(req.headers['content-type'])), undefined)
  })

  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema?.body as { required?: unknown } | undefined
    if (!schema) return
    if (req.body === undefined || req.body === null) req.body = {}
    // Razorpay validates with Laravel, whose `required` rule fails for null and '': {"amount": null}
    // and `amount=` are "The amount field is required.", not a type error or a value coerced to 0.
    const body = req.body as Record<string, unknown>
    if (Array.isArray(schema.required) && typeof body === 'object') {
      for (const field of schema.required as string[]) {
        if (Object.hasOwn(body, field) && (body[field] === null || body[field] === '')) delete body[field]
      }
    }
  })
}
