/**
 * Where the real wx-server-sdk's database requests leave the process, replaced so that they reach
 * the local cloud instead of the network.
 *
 * wx-server-sdk 3.x builds its database on `@cloudbase/node-sdk`, whose `database()` sets
 * `Db.reqClass = DBRequest`; every database request of every kind (queries, counts, writes,
 * aggregates, transactions, createCollection) is `new Db.reqClass(config).send(action, params)`,
 * i.e. one method, `DBRequest.prototype.send`. Replacing that method keeps everything above it
 * WeChat's own code: the query builder, the EJSON serializer, result parsing (`EJSON.parse`,
 * Geo points, dates) and the error mapping (`{ code, message }` -> `errCode` / `errMsg`).
 *
 * Why not a fake HTTP endpoint: below `send` the SDK signs each request (it needs credentials or a
 * WeChat runtime token), picks a service URL from the environment, retries, and adds tracing; an
 * endpoint would have to accept forged signatures and mirror transport details that say nothing
 * about the database. And an offline request that does reach the network path rejects and also
 * raises an unhandled rejection that kills Node: with the seam nothing of the database gets there.
 *
 * The module is loaded from the wx-server-sdk installed beside the project (the path it resolves,
 * which also works under jest: the same registry then serves the SDK and this patch).
 */
import { dirname } from 'path'

export type DbSend = (action: string, params?: Record<string, unknown>) => Promise<unknown>

interface DBRequestClass {
  prototype: { send: (action: string, params?: Record<string, unknown>, opts?: unknown) => Promise<unknown> }
}

/** The file of `DBRequest` that the installed wx-server-sdk resolves. */
export function dbRequestPath(): string {
  const sdkDir = dirname(require.resolve('wx-server-sdk/package.json'))
  return require.resolve('@cloudbase/node-sdk/lib/utils/dbRequest.js', { paths: [sdkDir] })
}

let original: DBRequestClass['prototype']['send'] | null = null

/**
 * Routes every database request of the real SDK to `send`. Installing again replaces the previous
 * target (one process, one database wire). Returns a function that restores the network path.
 */
export function installDatabaseWire(send: DbSend): () => void {
  const { DBRequest } = require(dbRequestPath()) as { DBRequest: DBRequestClass }
  if (original === null) original = DBRequest.prototype.send
  DBRequest.prototype.send = function localSend(action: string, params?: Record<string, unknown>) {
    return send(action, params)
  }
  return () => {
    if (original !== null) DBRequest.prototype.send = original
    original = null
  }
}
