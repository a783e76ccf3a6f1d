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

const DEFAULT_ROUTE = Symbol('any env')
const routes = new Map<string | symbol, DbSend>()
let patched = false

/**
 * Routes every database request of the real SDK to `send`. With `env`, only the requests of
 * `cloud.database({ env })` (or an SDK initialised with that env) go there, so that several local
 * databases can serve one process (tests); without it, every request no other route claims.
 * Installing a route again replaces it. Once installed the seam stays: a request with no route is
 * answered with an error, never sent to the network. Returns a function that removes the route.
 */
export function installDatabaseWire(send: DbSend, opts: { env?: string } = {}): () => void {
  const key = opts.env ?? DEFAULT_ROUTE
  routes.set(key, send)
  if (!patched) {
    const { DBRequest } = require(dbRequestPath()) as { DBRequest: DBRequestClass }
    DBRequest.prototype.send = function localSend(this: { config?: { envName?: unknown } }, action: string, params?: Record<string, unknown>) {
      const env = this.config?.envName
      const route = (typeof env === 'string' ? routes.get(env) : undefined) ?? routes.get(DEFAULT_ROUTE)
      if (route === undefined) {
        return Promise.resolve({ code: 'SYS_ERR', message: `no local database serves env ${String(env)} (installDatabaseWire)` })
      }
      return route(action, params)
    }
    patched = true
  }
  return () => {
    if (routes.get(key) === send) routes.delete(key)
  }
}
