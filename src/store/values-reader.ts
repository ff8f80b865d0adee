/**
 * `(o) => [o["a"], o["b"], …]` compiled for one list of property names. A generic
 * `names.map((n) => o[n])` shared by every query or table sees objects of every shape and goes
 * megamorphic (V8's slowest property lookup); a reader of its own only ever sees its own shape.
 * Names come from the code (params' and rows' keys), never from requests, and are JSON-quoted.
 */
export function valuesReader<T extends object>(names: readonly string[]): (o: T) => unknown[] {
  return new Function('o', `return [${names.map((n) => `o[${JSON.stringify(n)}]`).join(', ')}]`) as (o: T) => unknown[]
}
