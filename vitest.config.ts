import { defineConfig } from 'vitest/config'

/**
 * Two projects run in one `vitest run` (npm test):
 *  - sqlite: every test, on the embedded default;
 *  - postgres: every test that runs the API against a store (through test/support/harness.ts or a
 *    child `serve`), again on PostgreSQL — a fresh database per run, a fresh schema per server
 *    (test/support/pg-global-setup.ts, test/support/test-db.ts). What it leaves out has no store
 *    in it (pure functions: the bank's rules, Luhn, schedules, calendars, parsers) or is about the
 *    SQLite file itself (CLI and start-up tests on a file, the card-data-at-rest check), or is the
 *    hosted checkout's browser UI (Chromium; ~40 s a run) — the server paths it drives run on
 *    PostgreSQL through test/checkout/api.test.ts.
 */
const SQLITE_ONLY = [
  'test/bank/**',
  'test/http/brackets.test.ts',
  'test/checkout/qr.test.ts',
  'test/checkout/checkout-js.test.ts',
  'test/checkout/card-data.test.ts',
  'test/checkout/browser.test.ts',
  'test/cli/cli.test.ts',
  'test/cli/cli-errors.test.ts',
  'test/store/turn-read.test.ts',
  'test/store/group-commit.test.ts',
  'test/clock/move-rerun.test.ts',
  'test/domain/payouts/index-plan.test.ts',
  'test/shared/fingerprint.test.ts',
  'test/webhooks/delivery-log-plan.test.ts',
  'test/server/start.test.ts',
  'test/webhooks/schedule.test.ts',
  'test/domain/settlements/calendar.test.ts',
  'test/store/postgres-config.test.ts',
  'test/store/sqlite-settings.test.ts',
  'test/store/statement-batcher.test.ts',
  'test/store/sqlite-event-cursor-migration.test.ts',
  'test/store/row-reader.test.ts',
]

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A test file runs in a worker that earlier files ran in (the projects still get separate
    // workers). Loading the app into a fresh process for each of the ~150 files was more than half
    // of the suite's CPU: 5.5-6 min became 3.0-3.4 min. Test files therefore must not rely on fresh
    // module state: every test builds its own server and store, and puts back what it changes
    // (console spies, process.exitCode, environment variables).
    isolate: false,
    // A pool that cannot shrink: when it may, tinypool stops idle workers while others still run,
    // and without isolation that teardown sometimes failed with "Terminating worker thread"
    // (an unhandled rejection that fails the run; seen in 2 of 3 runs, none since).
    poolOptions: { forks: { minForks: 4, maxForks: 4 } },
    // vitest's default on a 2-core machine is ONE worker; the suite mostly waits (fsync, timers, child
    // processes, PostgreSQL), so a few workers in parallel finish it in about half the time.
    maxWorkers: 4,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      // test/postgres/: what only exists with a shared database (several processes on one PostgreSQL).
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/postgres/**'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          env: { TIJORI_TEST_DIALECT: 'postgres' },
          globalSetup: ['test/support/pg-global-setup.ts'],
        },
      },
    ],
  },
})
