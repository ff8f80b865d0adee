/**
 * How CLI commands that talk to a running server (`clock`, `listen`) find and reach it.
 */
import { parsePort } from '../config.js'

/** --url, else TIJORI_URL, else http://HOST:PORT (an IPv6 HOST in brackets), without a trailing slash. */
export function serverUrl(url: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = url ?? env.TIJORI_URL
  if (given) return httpUrl(given, url !== undefined ? '--url' : 'TIJORI_URL').replace(/\/+$/, '')
  const host = env.HOST || '127.0.0.1'
  const port = env.PORT ? parsePort(env.PORT) : 8080
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** `value` when it is an http:// or https:// URL, else an error that names the option it came from. */
export function httpUrl(value: string, name: string): string {
  let protocol = ''
  try {
    protocol = new URL(value).protocol
  } catch {
    /* not a URL */
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`${name} must be an http:// or https:// URL, got ${JSON.stringify(value)}`)
  return value
}

/**
 * fetch, with an error that says which server could not be reached and why: fetch's own is only
 * "fetch failed" (the cause, e.g. ECONNREFUSED, is on err.cause).
 */
export async function reach(url: string | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))
    throw new Error(`could not reach the Tijori server at ${new URL(url).origin} (${why}). Is it running? Point to it with --url, TIJORI_URL or HOST/PORT.`)
  }
}
