/**
 * Domain code takes rows it is about to change with `.forUpdate()` (and queues with
 * `.skipLocked()`), which PostgreSQL needs when several processes share a database. SQLite has no
 * such clauses — and needs none: its writers are serialized — so this plugin drops them before
 * compilation. It touches only SELECTs that carry a lock clause; every other query passes as is.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'

const LOCKS = new Set(['ForUpdate', 'ForShare', 'ForKeyShare', 'ForNoKeyUpdate', 'SkipLocked', 'NoWait'])

export class StripRowLocks implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind !== 'SelectQueryNode' || !node.endModifiers?.length) return node
    const kept = node.endModifiers.filter((m) => !(m.modifier && LOCKS.has(m.modifier)))
    return { ...node, endModifiers: kept.length > 0 ? kept : undefined }
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result)
  }
}
