/**
 * The real server as a child process (`node bin/tijori.mjs serve`), for crash tests that SIGKILL it
 * and restart it on the same SQLite file, plus a keep-alive JSON client for hammering it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export interface ChildServer {
  proc: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Children still running; kill them in afterAll with killChildren(). */
const children = new Set<ChildProcess>()

export function killChildren(): void {
  for (const c of children) c.kill('SIGKILL')
}

/** Starts `serve` and resolves once it prints its listening line (rejects if it exits first). */
export function serveChild(opts: {
  port: number
  db: string
  keyId: string
  keySecret: string
  logLevel?: string
  readyTimeoutMs?: number
}): Promise<ChildServer> {
  const readyMs = opts.readyTimeoutMs ?? 20_000
  const { port } = opts
  const proc = spawn(process.execPath, ['bin/tijori.mjs', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      TIJORI_DB: opts.db,
      TIJORI_KEY_ID: opts.keyId,
      TIJORI_KEY_SECRET: opts.keySecret,
      LOG_LEVEL: opts.logLevel ?? 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(proc)
  let out = ''
  let err = ''
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      children.delete(proc)
      resolve({ code, signal })
    }),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${readyMs / 1000} s\nstdout:\n${out}\nstderr:\n${err}`)), readyMs)
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes(`Tijori listening on http://127.0.0.1:${port}`)) {
        clearTimeout(timer)
        resolve({ proc, stdout: () => out, stderr: () => err, exited })
      }
    })
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening\nstdout:\n${out}\nstderr:\n${err}`))
    })
  })
}

/** One JSON request over a keep-alive agent; the body is parsed when it is JSON. */
export function jsonRequest(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const text = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...headers,
          ...(text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString()
          let parsed: unknown = raw
          try {
            parsed = JSON.parse(raw)
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(text)
  })
}
