/**
 * Request bodies: JSON, and application/x-www-form-urlencoded with bracket notation. An empty body
 * parses as {} whatever its type — the SDK sends body-less POSTs with the form content type.
 * A request with no body at all (no content type either) is validated as {} too, so a body-less
 * PATCH answers "The notes field is required." rather than a complaint about the body's type.
 */
import type { FastifyInstance } from 'fastify'
import { parseBrackets } from './brackets.js'
import { errors } from './errors.js'
import { fieldName } from './validation.js'

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
    // A URL with no route answers "not found" whatever its body: a multipart upload to an endpoint
    // Tijori does not serve (documents, account documents) must not read as a media-type problem.
    if ((body as string).length === 0 || req.is404) return done(null, {})
    // The media type without its parameters (a multipart boundary is noise in the message).
    done(errors.unsupportedMedia(String(req.headers['content-type']).split(';')[0]!.trim()), undefined)
  })

  // A callback hook, not an async one: this runs on every request with a body schema, and an async
  // hook costs a promise and a microtask turn.
  app.addHook('preValidation', (req, _reply, done) => {
    const schema = req.routeOptions.schema?.body as BodySchema | undefined
    if (!schema) return done()
    if (req.body === undefined || req.body === null) req.body = {}
    const body = req.body as Record<string, unknown>
    if (typeof body !== 'object' || Array.isArray(body)) return done()
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
    for (const field of Object.keys(body)) {
      const value = body[field]
      if (value !== null && value !== '') continue
      // Razorpay validates with Laravel, whose `required` rule fails for null and '': {"amount": null}
      // and `amount=` are "The amount field is required.", not a type error or a value coerced to 0.
      if (required.includes(field)) delete body[field]
      // An optional field sent as null (or '' where a boolean or number is expected) counts as not
      // sent: ajv's type coercion would otherwise turn it into false / 0 and, on an update,
      // quietly deactivate a fund account or price an item at 0. Fields whose schema takes null,
      // or any value (the service reads those itself), keep it.
      else if (absentWhenEmpty(schema.properties?.[field], value)) delete body[field]
    }
    try {
      checkIntegers(body, schema, '')
    } catch (e) {
      return done(e as Error)
    }
    done()
  })
}

/**
 * Laravel's `integer` rule (filter_var) takes decimal digits within the machine's integer range;
 * JSON-schema's `integer` with ajv's coercion is looser on both counts. Where the schema wants an
 * integer (and nothing else a string could be, like a boolean), this refuses, as "The <field> must
 * be an integer.":
 *  - text that JavaScript reads as a number but Laravel does not: "0x1000" would have become an
 *    amount of 4096, "1e4" one of 10000 (form bodies carry every number as text);
 *  - numbers (or digit strings) beyond ±2^53, e.g. 1e20, which would reach SQL and arithmetic as
 *    floats.
 */
function checkIntegers(value: unknown, schema: JsonSchema, path: string): void {
  if (typeof value === 'number' || typeof value === 'string') {
    const types = typesOf(schema)
    if (types === null || !types.includes('integer')) return
    const bad =
      typeof value === 'number'
        ? Number.isInteger(value) && !Number.isSafeInteger(value)
        : types.every((t) => t === 'integer' || t === 'null') && (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(Number(value)))
    if (bad) {
      const field = fieldName(path)
      throw errors.invalid(field, `The ${field} must be an integer.`)
    }
    return
  }
  if (value === null || typeof value !== 'object') return
  for (const alt of schema.anyOf ?? schema.oneOf ?? []) checkIntegers(value, alt, path)
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => checkIntegers(v, schema.items!, `${path}/${i}`))
    return
  }
  if (!schema.properties) return
  for (const [k, v] of Object.entries(value)) {
    const prop = schema.properties[k]
    if (prop) checkIntegers(v, prop, `${path}/${k}`)
  }
}

interface BodySchema {
  required?: unknown
  properties?: Record<string, JsonSchema>
}

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

/** True when `value` (null or '') sent for a property with this schema should count as absent. */
function absentWhenEmpty(prop: JsonSchema | undefined, value: null | ''): boolean {
  if (!prop) return false
  const types = typesOf(prop)
  if (types === null) return false // untyped (Type.Unknown/Any): the service decides
  if (value === null) return !types.includes('null')
  return !types.includes('string') && !types.includes('null')
}

/** Schemas are the routes' own, built once: their types are worked out once too (this runs per field, per request). */
const types = new WeakMap<JsonSchema, string[] | null>()

/** The JSON types a schema accepts, or null when it does not say (no `type` anywhere). */
function typesOf(s: JsonSchema): string[] | null {
  let t = types.get(s)
  if (t === undefined) {
    t = computeTypes(s)
    types.set(s, t)
  }
  return t
}

function computeTypes(s: JsonSchema): string[] | null {
  if (s.type !== undefined) return Array.isArray(s.type) ? s.type : [s.type]
  const alts = s.anyOf ?? s.oneOf
  if (!alts) return null
  const out: string[] = []
  for (const a of alts) {
    const t = typesOf(a)
    if (t === null) return null
    out.push(...t)
  }
  return out
}
