/**
 * The settlement calendar: T+N working days in IST, weekends skipped, one slot per working day at
 * 09:00 IST.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IST_OFFSET_S, isWorkingDay, istDay, istPeriod, nextSlotAfter, settlementSlot } from '../../../src/domain/settlements/calendar.js'

// 2024-06-07 was a Friday. `at(d, hh, mm)` is June d, 2024, hh:mm IST.
const at = (day: number, hh: number, mm = 0) => Date.UTC(2024, 5, day, hh, mm) / 1000 - IST_OFFSET_S
const FRI = 7

describe('settlementSlot', () => {
  it.each([
    ['Friday', FRI, at(11, 9)], // → Tuesday
    ['Saturday', FRI + 1, at(11, 9)], // → Tuesday
    ['Sunday', FRI + 2, at(11, 9)], // → Tuesday
    ['Monday', FRI + 3, at(12, 9)], // → Wednesday
    ['Wednesday', FRI + 5, at(14, 9)], // → Friday
    ['Thursday', FRI + 6, at(17, 9)], // → Monday
  ])('T+2 from a %s lands two working days later at 09:00 IST', (_label, day, expected) => {
    expect(settlementSlot(at(day, 10), 2)).toBe(expected)
    expect(settlementSlot(at(day, 0, 1), 2)).toBe(expected)
    expect(settlementSlot(at(day, 23, 59), 2)).toBe(expected)
  })

  it('uses the IST calendar day, not the UTC one', () => {
    // Friday 02:00 IST is still Thursday in UTC.
    expect(settlementSlot(at(FRI, 2), 2)).toBe(at(11, 9))
  })

  it('T+1 and T+0', () => {
    expect(settlementSlot(at(FRI, 10), 1)).toBe(at(10, 9)) // Friday → Monday
    expect(settlementSlot(at(FRI, 8), 0)).toBe(at(FRI, 9)) // before the slot: the same day
    expect(settlementSlot(at(FRI, 10), 0)).toBe(at(10, 9)) // after it: the next working day
    expect(settlementSlot(at(FRI + 1, 8), 0)).toBe(at(10, 9)) // Saturday → Monday
  })

  it('nextSlotAfter is the next working day slot', () => {
    expect(nextSlotAfter(at(11, 9))).toBe(at(12, 9))
    expect(nextSlotAfter(at(FRI, 9))).toBe(at(10, 9))
  })

  it('property: a working-day 09:00 IST slot after capture, N working days later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }), fc.integer({ min: 1, max: 10 }), (t, n) => {
        const slot = settlementSlot(t, n)
        expect(slot).toBeGreaterThan(t)
        expect((slot + IST_OFFSET_S) % 86400).toBe(9 * 3600)
        expect(isWorkingDay(istDay(slot))).toBe(true)
        let working = 0
        for (let d = istDay(t) + 1; d <= istDay(slot); d++) if (isWorkingDay(d)) working++
        expect(working).toBe(n)
      }),
    )
  })
})

describe('istPeriod', () => {
  it('a day and a month in IST', () => {
    expect(istPeriod(2024, 6, 11)).toEqual({ start: at(11, 0), end: at(12, 0) })
    expect(istPeriod(2024, 6, null)).toEqual({ start: at(1, 0), end: Date.UTC(2024, 6, 1) / 1000 - IST_OFFSET_S })
    expect(istPeriod(2024, 12, null).end).toBe(Date.UTC(2025, 0, 1) / 1000 - IST_OFFSET_S)
  })
})
