/**
 * vitest globalSetup of the `postgres` project: creates a fresh database for this run on the server
 * at TIJORI_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres) and drops it afterwards.
 * No PostgreSQL reachable is a failure, not a skip: CI must run the whole suite on both adapters.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TIJORI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `tijori_test_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch (err) {
    throw new Error(`The postgres test project needs PostgreSQL at ${adminUrl} (set TIJORI_TEST_PG): ${(err as Error).message}`)
  }
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  project.provide('pgUrl', u.toString())
  return async () => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await c.end()
  }
}
