/**
 * Prints one plain closing line, "N passed, N failed" (", N skipped" when any), after vitest's own
 * output, so CI can read the result whatever reporter format it knows.
 */
import type { Reporter } from 'vitest/reporters'

type Task = { type: string; mode?: string; result?: { state?: string }; tasks?: Task[] }

function walk(tasks: Task[], acc: { passed: number; failed: number; skipped: number }) {
  for (const t of tasks) {
    if (t.tasks) walk(t.tasks, acc)
    if (t.type !== 'test') continue
    const state = t.result?.state
    if (state === 'pass') acc.passed++
    else if (state === 'fail') acc.failed++
    else acc.skipped++
  }
}

export default class SummaryReporter implements Reporter {
  onFinished(files: Task[] = [], errors: unknown[] = []) {
    const acc = { passed: 0, failed: 0, skipped: 0 }
    walk(files, acc)
    // A file whose setup (beforeAll, import) failed marks its tests skipped: count the file as failed.
    for (const f of files) {
      if (f.result?.state !== 'fail') continue
      const inner = { passed: 0, failed: 0, skipped: 0 }
      walk(f.tasks ?? [], inner)
      if (inner.failed === 0) acc.failed++
    }
    acc.failed += errors.length
    const skipped = acc.skipped ? `, ${acc.skipped} skipped` : ''
    process.stdout.write(`\n${acc.passed} passed, ${acc.failed} failed${skipped}\n`)
  }
}
