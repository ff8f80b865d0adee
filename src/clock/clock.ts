/**
 * Domain time. Every timestamp the API shows (created_at, captured_at, expiries) is unix seconds
 * read from a Clock, never from Date.now() in domain code, so that a later per-merchant simulated
 * clock can move time forward for one merchant without touching the others.
 */
export interface Clock {
  /** Unix seconds as seen by this merchant. */
  now(merchantId: string): number
}

export const systemClock: Clock = {
  now: () => Math.floor(Date.now() / 1000),
}

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private current: number = Math.floor(Date.now() / 1000)) {}
  now(): number {
    return this.current
  }
  set(t: number): void {
    this.current = t
  }
  advance(seconds: number): void {
    this.current += seconds
  }
}
