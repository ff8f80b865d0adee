/**
 * The settlement calendar: Indian Standard Time (UTC+05:30, no daylight saving), working days
 * Monday to Friday, and one settlement slot per working day at 09:00 IST.
 *
 * "T+N working days" (RT:payments/settlements.md): from the IST calendar day of capture, count N
 * working days forward; the payment settles in that day's slot. A Friday capture with N = 2 settles
 * on Tuesday (Saturday and Sunday are skipped). N = 0 settles in the next slot after capture.
 * Bank holidays are not modelled (every weekday is a working day).
 */

/** IST is UTC+05:30 all year. */
export const IST_OFFSET_S = 5 * 3600 + 30 * 60
const DAY_S = 86400
/** Settlement slots are at 09:00 IST (the docs' example schedule settles at 9:00 a.m.). */
export const SLOT_SECONDS_OF_DAY = 9 * 3600

/** The IST day number (days since 1970-01-01 IST) of a unix time. */
export function istDay(unix: number): number {
  return Math.floor((unix + IST_OFFSET_S) / DAY_S)
}

/** 0 = Sunday … 6 = Saturday, for an IST day number (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export function isWorkingDay(day: number): boolean {
  const d = weekday(day)
  return d !== 0 && d !== 6
}

/** The unix time of the slot on an IST day. */
export function slotOf(day: number): number {
  return day * DAY_S + SLOT_SECONDS_OF_DAY - IST_OFFSET_S
}

function nextWorkingDay(day: number): number {
  let d = day + 1
  while (!isWorkingDay(d)) d++
  return d
}

/**
 * The slot in which a payment captured at `capturedAt` settles, T+`delayDays` working days.
 * Always strictly after `capturedAt`.
 */
export function settlementSlot(capturedAt: number, delayDays: number): number {
  let day = istDay(capturedAt)
  for (let n = 0; n < delayDays; ) {
    day++
    if (isWorkingDay(day)) n++
  }
  if (!isWorkingDay(day)) day = nextWorkingDay(day)
  while (slotOf(day) <= capturedAt) day = nextWorkingDay(day)
  return slotOf(day)
}

/** The first slot strictly after `at` (where transactions that did not fit roll over to). */
export function nextSlotAfter(at: number): number {
  return settlementSlot(at, 0)
}

/** [start, end) in unix seconds of an IST calendar day, or of a whole month when `day` is null. */
export function istPeriod(year: number, month: number, day: number | null): { start: number; end: number } {
  const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000 - IST_OFFSET_S
  if (day !== null) return { start: utc(year, month, day), end: utc(year, month, day + 1) }
  return { start: utc(year, month, 1), end: utc(year, month + 1, 1) }
}
