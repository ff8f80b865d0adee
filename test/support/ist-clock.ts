/**
 * Driving a merchant's clock in tests. The clock starts at real time, so weekday tests first move
 * it to a known IST weekday and time (settlements run on Indian working days).
 */
import { expect } from 'vitest'
import { IST_OFFSET_S } from '../../src/domain/settlements/calendar.js'
import type { TestMerchant } from './harness.js'

export const DAY = 86400
export const HOUR = 3600
export const WEEKDAYS = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 } as const

export async function clockNow(m: TestMerchant): Promise<number> {
  const res = await m.http('GET', '/_sandbox/clock')
  expect(res.status, res.text).toBe(200)
  return res.body.now as number
}

/** POST /_sandbox/clock {advance_by}: runs everything that falls due on the way. */
export async function advance(m: TestMerchant, seconds: number): Promise<number> {
  const res = await m.http('POST', '/_sandbox/clock', { advance_by: seconds })
  expect(res.status, res.text).toBe(200)
  return res.body.now as number
}

/** Moves the clock to `t` (a little past it: real time keeps running). */
export async function advanceTo(m: TestMerchant, t: number): Promise<number> {
  const now = await clockNow(m)
  return t > now ? advance(m, t - now) : now
}

/** The IST weekday (0 = Sunday) and seconds since IST midnight of a unix time. */
export function ist(t: number): { weekday: number; secondOfDay: number; date: { year: number; month: number; day: number } } {
  const d = new Date((t + IST_OFFSET_S) * 1000)
  return {
    weekday: d.getUTCDay(),
    secondOfDay: d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds(),
    date: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
  }
}

/** The first time after `after` that is `weekday` at `hh:mm` IST. */
export function nextIst(after: number, weekday: number, hh: number, mm = 0): number {
  const midnight = after - ist(after).secondOfDay
  for (let d = 0; d <= 7; d++) {
    const t = midnight + d * DAY + hh * HOUR + mm * 60
    if (t > after && ist(t).weekday === weekday) return t
  }
  throw new Error('unreachable')
}

/** Moves the merchant's clock to the next `weekday` at hh:mm IST; returns that time. */
export async function advanceToIst(m: TestMerchant, weekday: number, hh: number, mm = 0): Promise<number> {
  const target = nextIst(await clockNow(m), weekday, hh, mm)
  await advanceTo(m, target)
  return target
}
