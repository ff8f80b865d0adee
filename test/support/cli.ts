/**
 * Runs the real `tijori` command (node bin/tijori.mjs …) in a child process, for CLI and serve tests.
 * The environment is the test's minus every Tijori setting, plus what the test passes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin', 'tijori.mjs')

const dirs: string[] = []

/** A database path in a fresh temporary folder (removed by removeTempDbs). */
export function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tijori-cli-'))
  dirs.push(dir)
  return join(dir, 'tijori.db')
}

/** Removes every folder tempDb made in this test file (call from afterAll). */
export function removeTempDbs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env }
  for (const k of ['HOST', 'PORT', 'TIJORI_DB', 'TIJORI_KEY_ID', 'TIJORI_KEY_SECRET', 'LOG_LEVEL', 'NODE_OPTIONS']) delete base[k]
  return { ...base, LOG_LEVEL: 'silent', ...env }
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env) })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      p.kill('SIGKILL')
      reject(new Error(`tijori ${args.join(' ')} timed out\n${stdout}\n${stderr}`))
    }, timeoutMs)
    p.on('error', reject)
    p.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export interface Served {
  url: string
  proc: ChildProcess
  /** Everything printed on stdout so far. */
  stdout: () => string
  stderr: () => string
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Sends `signal` and waits for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const LISTENING = /Tijori listening on (http:\/\/\S+)/

/** Starts `tijori serve` and resolves once it prints its listening line. */
export function serve(env: Record<string, string>, args: string[] = [], timeoutMs = 30_000): Promise<Served> {
  const proc = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, env: childEnv({ PORT: '0', ...env }) })
  let out = ''
  let err = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`serve did not start in ${timeoutMs} ms\n${out}\n${err}`))
    }, timeoutMs)
    let started = false
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = LISTENING.exec(out)
      if (m && !started) {
        started = true
        clearTimeout(timer)
        resolve({
          url: m[1],
          proc,
          stdout: () => out,
          stderr: () => err,
          exited,
          stop: (signal = 'SIGTERM') => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
            return exited
          },
        })
      }
    })
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    void exited.then(({ code, signal }) => {
      if (started) return
      clearTimeout(timer)
      reject(new Error(`serve exited (${code ?? signal}) before listening\n${out}\n${err}`))
    })
  })
}

/** The key pair a first start prints, if it printed one. */
export function printedKey(stdout: string): { keyId: string; keySecret: string } | null {
  const id = /key_id:\s+(rzp_test_\S+)/.exec(stdout)
  const secret = /key_secret:\s+(\S+)/.exec(stdout)
  return id && secret ? { keyId: id[1], keySecret: secret[1] } : null
}
