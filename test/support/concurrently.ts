/** Runs `fn` over `items` with at most `workers` calls in flight (the crash tests' retry and verify passes). */
export async function eachConcurrently<T>(items: readonly T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await fn(items[next++] as T)
    }),
  )
}
