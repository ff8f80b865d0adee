/**
 * Turns JSON-schema (ajv) failures into Razorpay's validation errors. Razorpay's API is built on
 * Laravel, so its messages are Laravel's: "The amount field is required.", "The amount must be an
 * integer.", "<field> is/are not required and should not be sent". Nested fields are named the way
 * a form body names them: card[number].
 */
import { ApiError, badRequest, errors } from './errors.js'

interface AjvError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
}

export function fieldName(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean)
  if (extra !== undefined) parts.push(extra)
  if (parts.length === 0) return 'body'
  return parts[0] + parts.slice(1).map((p) => `[${p}]`).join('')
}

export function validationToApiError(list: AjvError[], context: string | undefined): ApiError {
  const extras = list.filter((e) => e.keyword === 'additionalProperties')
  if (extras.length > 0) {
    return errors.extraFields(extras.map((e) => fieldName(e.instancePath, String(e.params.additionalProperty))))
  }
  const e = list[0]
  if (!e) return badRequest('The request is invalid.')
  if (e.keyword === 'required') return errors.required(fieldName(e.instancePath, String(e.params.missingProperty)))
  const field = fieldName(e.instancePath)
  const label = field === 'body' ? (context ?? 'request') : field
  const p = e.params
  switch (e.keyword) {
    case 'type': {
      const t = Array.isArray(p.type) ? p.type[0] : p.type
      if (t === 'integer') return errors.invalid(field, `The ${label} must be an integer.`)
      if (t === 'number') return errors.invalid(field, `The ${label} must be a number.`)
      if (t === 'string') return errors.invalid(field, `The ${label} must be a string.`)
      if (t === 'boolean') return errors.invalid(field, `The ${label} field must be true or false.`)
      if (t === 'object' || t === 'array') return errors.invalid(field, `The ${label} must be an array.`)
      return errors.invalid(field, `The ${label} is invalid.`)
    }
    case 'maxLength':
      return errors.invalid(field, `The ${label} may not be greater than ${p.limit} characters.`)
    case 'minLength':
      return errors.invalid(field, `The ${label} must be at least ${p.limit} characters.`)
    case 'maximum':
      return errors.invalid(field, `The ${label} may not be greater than ${p.limit}.`)
    case 'minimum':
      return errors.invalid(field, `The ${label} must be at least ${p.limit}.`)
    case 'enum':
    case 'const':
    case 'anyOf':
      return errors.invalid(field, `The selected ${label} is invalid.`)
    case 'pattern':
    case 'format':
      return errors.invalid(field, `The ${label} format is invalid.`)
    case 'maxItems':
      return errors.invalid(field, `The ${label} may not have more than ${p.limit} items.`)
    default:
      return errors.invalid(field, `The ${label} is invalid.`)
  }
}
