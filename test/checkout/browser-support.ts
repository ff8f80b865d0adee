/**
 * Browser-test plumbing: Debian's Chromium through playwright-core, the example merchant server as
 * a child process (a separate program, as a real merchant's server is), and screenshots under
 * test-artifacts/checkout/. A missing Chromium fails the suite loudly; it is never skipped.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core'

/** Debian's Chromium; TIJORI_CHROMIUM overrides the path (only to prove a missing browser fails the suite). */
export const CHROMIUM = process.env.TIJORI_CHROMIUM ?? '/usr/bin/chromium'
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const ARTIFACTS = `${ROOT}test-artifacts/checkout`

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM}: the checkout proofs need it. Install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does).`)
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface MerchantExample {
  url: string
  /** What the example printed (stdout and stderr), for failure messages. */
  output: () => string
  close: () => Promise<void>
}

/** Starts examples/merchant/server.mjs on a free loopback port, pointed at this Tijori. */
export function startMerchantExample(tijoriUrl: string, keyId: string, keySecret: string): Promise<MerchantExample> {
  const child = spawn(process.execPath, ['examples/merchant/server.mjs'], {
    cwd: ROOT,
    env: { ...process.env, TIJORI_URL: tijoriUrl, TIJORI_KEY_ID: keyId, TIJORI_KEY_SECRET: keySecret, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`merchant example did not start:\n${out}`)), 15_000)
    child.once('exit', (code) => reject(new Error(`merchant example exited (${code}):\n${out}`)))
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      resolve({
        url: m[1],
        output: () => out,
        close: async () => {
          if (child.exitCode === null) child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `${ARTIFACTS}/${name}.png` })
}

/** Waits until the element is visible (generous: the whole suite may be running beside this). */
export function shown(locator: Locator, timeout = 15_000): Promise<void> {
  return locator.waitFor({ state: 'visible', timeout })
}

/** The checkout modal's iframe on the merchant page. */
export const checkoutFrame = (page: Page): FrameLocator => page.frameLocator('iframe.tijori-frame')

/** Events the example page recorded (order created, ready, handler, payment.failed, verified, dismissed). */
export async function pageEvents(page: Page): Promise<{ name: string; data: any }[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return page.evaluate(() => (window as unknown as { checkoutEvents: { name: string; data: unknown }[] }).checkoutEvents)
}

/** Waits until the example page has recorded an event with this name, and returns its data. */
export async function waitForEvent(page: Page, name: string, timeout = 15_000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  await page.waitForFunction(
    (n) => (window as unknown as { checkoutEvents?: { name: string }[] }).checkoutEvents?.some((e) => e.name === n),
    name,
    { timeout },
  )
  const events = await pageEvents(page)
  return [...events].reverse().find((e) => e.name === name)?.data
}
