/** The process logger (pino). Card numbers and CVVs never reach it: request bodies are not logged. */
import pino, { type Logger } from 'pino'

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'tijori' }, redact: ['req.headers.authorization'] })
}
