/**
 * The object cloud functions get from cloud.database(): collection(), command, Geo, serverDate(),
 * RegExp, runTransaction(), startTransaction(), createCollection().
 */
import { CollectionReference } from './collection'
import { createCommand, type DbCommand } from './commands'
import { Geo, ServerDate, type GeoNamespace } from './datatypes'
import type { DbContext } from './engine'
import { CloudDbError, unsupported } from './errors'
import { Store } from './store'
import { runTransaction, startTransaction, type Transaction } from './transaction'

export class CloudDatabase {
  readonly command: DbCommand = createCommand()
  readonly Geo: GeoNamespace = Geo

  constructor(private readonly ctx: DbContext) {}

  collection(name: string): CollectionReference {
    Store.checkName(name, 'database.collection')
    return new CollectionReference(this.ctx, name)
  }

  serverDate(options?: { offset?: number }): ServerDate {
    return new ServerDate(options)
  }

  /** db.RegExp is part of the real API; regular-expression queries are not implemented locally. */
  RegExp(_options?: { regexp: string; options?: string }): never {
    throw unsupported('db.RegExp')
  }

  runTransaction<T>(callback: (transaction: Transaction) => Promise<T> | T, times = 3): Promise<T> {
    return runTransaction(this.ctx, callback, times)
  }

  startTransaction(): Promise<Transaction> {
    return startTransaction(this.ctx)
  }

  /** Exists in wx-server-sdk; locally it is also how strict mode gets a collection created. */
  async createCollection(name: string): Promise<{ errMsg: string }> {
    Store.checkName(name, 'database.createCollection')
    const store = this.ctx.engine.store
    if (store.exists(name)) {
      throw new CloudDbError(
        -501001,
        `database.createCollection:fail -501001 resource system error. [ResourceInUse] Table exist: ${name}. (DATABASE_COLLECTION_ALREADY_EXIST)`,
        'DATABASE_COLLECTION_ALREADY_EXIST'
      )
    }
    store.write(() => store.ensureTable(name, 'database.createCollection', true))
    return { errMsg: 'database.createCollection:ok' }
  }
}
