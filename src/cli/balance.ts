/**
 * `tijori balance add --merchant acc_… --account-number … --amount <paise>`: adds test money to a
 * merchant's RazorpayX business account, straight on the database (the server need not run).
 * Queued payouts that now fit start processing; their bank answer runs on the merchant's clock.
 * Modules load when the command runs, so other commands do not pay for them.
 */
import type { Command } from 'commander'

export function registerBalanceCommands(program: Command): void {
  program
    .command('balance')
    .description('Manage test balances')
    .command('add')
    .description("Add test money (in paise) to a merchant's RazorpayX business account")
    .requiredOption('--merchant <id>', 'merchant id (acc_…)')
    .requiredOption('--account-number <number>', 'the business account number (GET /v1/banking_balances)')
    .requiredOption('--amount <paise>', 'amount in paise, e.g. 100000 for ₹1,000')
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { merchant: string; accountNumber: string; amount: string; db?: string; json?: boolean }) => {
      const [{ dbLocation }, { openStore }, { MerchantClock }, { merchantStore }, { topUpBusinessAccount, validateTopUpAmount }, { bankingBalanceToWire }, { ApiError }] =
        await Promise.all([
          import('../config.js'),
          import('../store/open.js'),
          import('../clock/merchant-clock.js'),
          import('../domain/merchants/store.js'),
          import('../domain/banking/topup.js'),
          import('../domain/banking/entity.js'),
          import('../http/errors.js'),
        ])
      const store = await openStore(opts.db ?? dbLocation())
      try {
        validateTopUpAmount(/^\d+$/.test(opts.amount) ? Number(opts.amount) : NaN)
        if (!(await merchantStore.findById(store.db, opts.merchant))) throw new Error(`No merchant ${opts.merchant}`)
        const clock = new MerchantClock(store)
        await clock.refresh()
        const acct = await topUpBusinessAccount({ store, clock }, opts.merchant, opts.accountNumber, Number(opts.amount))
        const wire = bankingBalanceToWire(acct, clock.now(opts.merchant))
        if (opts.json) console.log(JSON.stringify(wire))
        else console.log(`account_number: ${wire.account_number}\nbalance:        ${wire.amount}`)
      } catch (err) {
        throw err instanceof ApiError ? new Error(err.body.description) : err
      } finally {
        await store.close()
      }
    })
}
