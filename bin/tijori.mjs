#!/usr/bin/env node
// Entry point for `tijori` / `npx tijori` / `npm start`: runs the TypeScript sources through tsx
// (no build step, so a fresh `npm ci` is enough to run).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/index.ts')
await main(process.argv)
