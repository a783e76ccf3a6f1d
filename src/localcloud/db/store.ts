/**
 * The SQLite layer. One table per collection: `_id` (no type affinity, so 1 and '1' stay distinct
 * like in MongoDB), `data` (the document minus _id, as JSON) and `v` (a database-wide increasing
 * version, bumped on every write, which transactions use to detect conflicts; a global counter
 * rather than a per-row one so that delete-and-recreate is never mistaken for "unchanged").
 *
 * WAL with synchronous=NORMAL: a commit is appended to the WAL before the call returns, so every
 * acknowledged write survives the process being killed (an OS crash may lose the last commits).
 * Writes run grouped in BEGIN IMMEDIATE transactions (writeGrouped); checkpoints run on a worker
 * thread (checkpointer.ts), and one LocalDatabase owns a file on disk at a time.
 */
import Database from 'better-sqlite3'
import { collectionNotExist, duplicateKey, invalidParam, requestFailed } from './errors'
import { arrayPaths, sqlJsonPath } from './paths'
import { matchesJson } from './query-match'
import { Checkpointer, INLINE_CHECKPOINT_FRAMES, takeOwnerLock } from './checkpointer'
import { KEY_PREFIX, changedKeys, type KeyColumn } from './key-columns'
import type { SVObject } from './values'

export interface Row {
  rowid: number
  _id: string | number
  data: string
  v: number
}

export interface GeoIndexInfo {
  field: string
  rtree: string
}

const NAME = /^[A-Za-z0-9_-]{1,100}$/

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export class Store {
  readonly db: Database.Database
  readonly strict: boolean
  private readonly stmts = new Map<string, Database.Statement>()
  private readonly tables = new Set<string>()
  private readonly multikey = new Map<string, Set<string>>()
  private readonly geo = new Map<string, GeoIndexInfo[]>()
  private readonly keyCols = new Map<string, KeyColumn[]>()
  private readonly runInTx: Database.Transaction<(f: () => unknown) => unknown>
  private seq = 0
  private readonly ownerLock: Database.Database | null
  private readonly checkpointer: Checkpointer | null = null
  private reading = false
  private turns = 0
  private pending: Array<{ fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = []

  constructor(file: string, strict: boolean) {
    this.strict = strict
    const onDisk = file !== ':memory:' && file !== ''
    this.ownerLock = onDisk ? takeOwnerLock(file) : null
    let db: Database.Database | undefined
    try {
      db = new Database(file)
      db.pragma('journal_mode = WAL')
    } catch (e) {
      db?.close()
      this.ownerLock?.close()
      throw e
    }
    this.db = db
    this.db.pragma('synchronous = NORMAL')
    if (onDisk) {
      // checkpoints run on a worker thread instead of inside this connection's commits (checkpointer.ts);
      // SQLite's own stay only for a log 4 times the restart size, which a long synchronous run of writes
      // (seeding, bulkInsert) reaches because it gives the worker's replies no turn to arrive in
      this.db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_FRAMES}`)
      this.checkpointer = new Checkpointer(file)
    }
    this.db.pragma('busy_timeout = 5000')
    // A local cloud's working set (fans, counters, their indexes) should live in memory: 64 MB of page
    // cache and memory-mapped reads, instead of SQLite's 2 MB default that sends every read to the OS.
    this.db.pragma('cache_size = -65536')
    this.db.pragma('mmap_size = 268435456')
    this.db.pragma('temp_store = MEMORY')
    this.db.function('lc_match', { deterministic: true }, (data: unknown, cond: unknown) => (matchesJson(String(data), String(cond)) ? 1 : 0))
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _lc_multikey (coll TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (coll, path)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS _lc_geo (coll TEXT NOT NULL, field TEXT NOT NULL, rtree TEXT NOT NULL, PRIMARY KEY (coll, field)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS _lc_indexes (coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (coll, name)) WITHOUT ROWID;
    `)
    this.runInTx = this.db.transaction((f: () => unknown) => f())
    for (const r of this.loadTables()) {
      const m = this.db.prepare(`SELECT max(v) AS m FROM ${quoteIdent(r.name)}`).get() as { m: number | null }
      this.seq = Math.max(this.seq, m.m ?? 0)
    }
    for (const r of this.db.prepare('SELECT coll, path FROM _lc_multikey').all() as Array<{ coll: string; path: string }>) {
      this.multikeySet(r.coll).add(r.path)
    }
    for (const r of this.db.prepare('SELECT coll, field, rtree FROM _lc_geo').all() as Array<{ coll: string; field: string; rtree: string }>) {
      this.geoIndexes(r.coll).push({ field: r.field, rtree: r.rtree })
    }
  }

  /**
   * Prepared statements are cached by SQL text; building a query's SQL is cheap, preparing it is not.
   * A statement outside a write joins the turn's read transaction (readTurn).
   */
  prepare(sql: string): Database.Statement {
    const s = this.cached(sql)
    if (!this.db.inTransaction) this.readTurn()
    return s
  }

  private cached(sql: string): Database.Statement {
    let s = this.stmts.get(sql)
    if (s === undefined) {
      s = this.db.prepare(sql)
      if (this.stmts.size > 2000) this.stmts.clear()
      this.stmts.set(sql, s)
    }
    return s
  }

  /**
   * The reads of one turn of the event loop share one read transaction, ended before the next write or
   * at the end of the turn. On its own, each read statement took and dropped the log's shared-memory
   * locks (two system calls): a sixth of the serving thread. Writes wait for the turn's end anyway
   * (writeGrouped), so the turn's reads all see the latest commit.
   */
  private readTurn(): void {
    this.cached('BEGIN').run()
    this.reading = true
    const turn = ++this.turns // a turn ended early by a write leaves its timer to nobody
    setImmediate(() => turn === this.turns && this.endReadTurn())
  }

  private endReadTurn(): void {
    if (!this.reading) return
    this.reading = false
    if (this.db.open && this.db.inTransaction) this.cached('COMMIT').run()
  }

  /** Synchronous IMMEDIATE transaction; nested calls become savepoints. Grouped writes still waiting go first. */
  write<T>(fn: () => T): T {
    this.endReadTurn()
    // a nested call is a savepoint of a write already under way: its commit is the outer call's
    const outermost = !this.db.inTransaction
    if (outermost) {
      this.flush()
      this.checkpointer?.beforeWrite(this.db)
    }
    try {
      return this.runInTx.immediate(fn) as T
    } catch (e) {
      this.forgetSchema()
      throw e
    } finally {
      if (outermost) this.checkpointer?.afterCommit()
    }
  }

  /**
   * Group commit: the write runs, in its own savepoint, in one SQLite transaction with every other write
   * asked for in the same turn of the event loop, and the promise settles once that transaction has
   * committed. A commit (its WAL frames, and pages such as a busy counter's written once rather than
   * once per writer) was half of a check-in's time when each write committed alone. Nothing is
   * acknowledged before it is durable, and reads never see a write that has not committed.
   */
  writeGrouped<T>(fn: () => T): Promise<T> {
    if (!this.db.open) return Promise.reject(new Error('the local database is closed'))
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject })
      if (this.pending.length === 1) setImmediate(() => this.flush())
    })
  }

  /** Applies the waiting grouped writes now; one failing write rolls back only its own savepoint. */
  flush(): void {
    const units = this.pending
    if (units.length === 0) return
    this.pending = []
    this.endReadTurn()
    this.checkpointer?.beforeWrite(this.db)
    const outcomes: Array<{ ok: boolean; value: unknown }> = []
    try {
      this.runInTx.immediate(() => {
        for (const u of units) {
          try {
            outcomes.push({ ok: true, value: this.runInTx(u.fn) })
          } catch (e) {
            // SQLite itself rolled the whole transaction back (I/O error, disk full): nothing of it stands
            if (!this.db.inTransaction) throw e
            outcomes.push({ ok: false, value: e })
          }
        }
      })
    } catch (e) {
      this.forgetSchema()
      for (const u of units) u.reject(e)
      return
    }
    this.checkpointer?.afterCommit()
    if (outcomes.some((o) => !o.ok)) this.forgetSchema()
    units.forEach((u, i) => (outcomes[i].ok ? u.resolve(outcomes[i].value) : u.reject(outcomes[i].value)))
  }

  /** A rolled-back write may have created tables or key columns that no longer exist. */
  private forgetSchema(): void {
    if (!this.db.open) return
    this.loadTables()
    this.keyCols.clear()
  }

  private loadTables(): Array<{ name: string }> {
    const rows = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c_*'").all() as Array<{ name: string }>
    this.tables.clear()
    for (const r of rows) this.tables.add(r.name.slice(2))
    return rows
  }

  static checkName(coll: string, api: string): void {
    if (typeof coll !== 'string' || !NAME.test(coll)) {
      throw invalidParam(api, `invalid collection name ${JSON.stringify(coll)} (letters, digits, "_" and "-", at most 100)`)
    }
  }

  table(coll: string): string {
    return quoteIdent(`c_${coll}`)
  }

  exists(coll: string): boolean {
    return this.tables.has(coll)
  }

  /** Reads of a never-created collection see it empty, unless strict mode reproduces the cloud's -502005. */
  readable(coll: string, api: string): boolean {
    if (this.tables.has(coll)) return true
    if (this.strict) throw collectionNotExist(api, coll)
    return false
  }

  ensureTable(coll: string, api: string, create = !this.strict): void {
    if (this.tables.has(coll)) return
    if (!create) throw collectionNotExist(api, coll)
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table(coll)} (_id PRIMARY KEY NOT NULL, data TEXT NOT NULL, v INTEGER NOT NULL)`)
    this.tables.add(coll)
  }

  /** The latest version handed out: a transaction's snapshot point. */
  version(): number {
    return this.seq
  }

  nextVersion(): number {
    return ++this.seq
  }

  private multikeySet(coll: string): Set<string> {
    let s = this.multikey.get(coll)
    if (s === undefined) {
      s = new Set()
      this.multikey.set(coll, s)
    }
    return s
  }

  /** True if the path, or a prefix of it, has ever held an array in this collection. */
  isMultikey(coll: string, path: string): boolean {
    const s = this.multikey.get(coll)
    if (s === undefined || s.size === 0) return false
    let i = path.indexOf('.')
    while (i !== -1) {
      if (s.has(path.slice(0, i))) return true
      i = path.indexOf('.', i + 1)
    }
    return s.has(path)
  }

  private noteArrays(coll: string, doc: SVObject): void {
    const found = new Set<string>()
    arrayPaths(doc, found)
    if (found.size === 0) return
    const known = this.multikeySet(coll)
    for (const p of found) {
      if (known.has(p)) continue
      this.prepare('INSERT OR IGNORE INTO _lc_multikey (coll, path) VALUES (?, ?)').run(coll, p)
      known.add(p)
    }
  }

  geoIndexes(coll: string): GeoIndexInfo[] {
    let g = this.geo.get(coll)
    if (g === undefined) {
      g = []
      this.geo.set(coll, g)
    }
    return g
  }

  getRow(coll: string, id: string | number): Row | undefined {
    if (!this.tables.has(coll)) return undefined
    return this.prepare(`SELECT rowid, _id, data, v FROM ${this.table(coll)} WHERE _id = ?`).get(id) as Row | undefined
  }

  versionOf(coll: string, id: string | number): number {
    if (!this.tables.has(coll)) return 0
    const r = this.prepare(`SELECT v FROM ${this.table(coll)} WHERE _id = ?`).get(id) as { v: number } | undefined
    return r?.v ?? 0
  }

  /** The key columns of a collection (see KeyColumn), read from the table's schema. */
  keyColumns(coll: string): KeyColumn[] {
    let k = this.keyCols.get(coll)
    if (k === undefined) {
      k = []
      if (this.tables.has(coll)) {
        for (const { name } of this.db.prepare('SELECT name FROM pragma_table_info(?)').all(`c_${coll}`) as Array<{ name: string }>) {
          if (!name.startsWith(KEY_PREFIX)) continue
          const path = name.slice(KEY_PREFIX.length)
          const segs = path.split('.')
          const jp = sqlJsonPath(segs)
          if (jp !== null) k.push({ path, segs, jp, col: quoteIdent(name) })
        }
      }
      this.keyCols.set(coll, k)
    }
    return k
  }

  keyColumnOf(coll: string, path: string): string | null {
    return this.keyColumns(coll).find((k) => k.path === path)?.col ?? null
  }

  /** Adds (and fills) the key column of a field that an index needs; call inside write(). */
  addKeyColumn(coll: string, path: string, jp: string): string {
    const have = this.keyColumnOf(coll, path)
    if (have !== null) return have
    const col = quoteIdent(KEY_PREFIX + path)
    this.db.exec(`ALTER TABLE ${this.table(coll)} ADD COLUMN ${col}; UPDATE ${this.table(coll)} SET ${col} = json_extract(data, '${jp}');`)
    this.keyCols.delete(coll)
    return col
  }

  // Key columns are computed by SQL from the one bound text (@data), so SQLite parses it once.
  insertRow(coll: string, id: string | number, doc: SVObject, api: string): void {
    this.noteArrays(coll, doc)
    const keys = this.keyColumns(coll)
    const cols = keys.map((k) => `, ${k.col}`).join('')
    const vals = keys.map((k) => `, json_extract(@data, '${k.jp}')`).join('')
    this.guard(coll, id, api, () =>
      this.prepare(`INSERT INTO ${this.table(coll)} (_id, data, v${cols}) VALUES (@id, @data, @v${vals})`).run({
        id,
        data: JSON.stringify(doc),
        v: this.nextVersion()
      })
    )
  }

  updateRow(coll: string, row: Row, doc: SVObject, api: string): void {
    this.noteArrays(coll, doc)
    const keys = this.keyColumns(coll)
    const changed = changedKeys(keys, row.data, doc)
    const sets = changed.map((k) => `, ${k.col} = json_extract(@data, '${k.jp}')`).join('')
    this.guard(coll, row._id, api, () =>
      this.prepare(`UPDATE ${this.table(coll)} SET data = @data, v = @v${sets} WHERE rowid = @rowid`).run({
        data: JSON.stringify(doc),
        v: this.nextVersion(),
        rowid: row.rowid
      })
    )
  }

  deleteRow(coll: string, rowid: number): void {
    this.prepare(`DELETE FROM ${this.table(coll)} WHERE rowid = ?`).run(rowid)
  }

  /** Maps SQLite constraint failures to the errors the cloud database reports for the same cause. */
  private guard(coll: string, id: string | number, api: string, fn: () => unknown): void {
    try {
      fn()
    } catch (e) {
      const err = e as { code?: string; message?: string }
      if (err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw duplicateKey(api, coll, '_id_', `{ _id: ${JSON.stringify(id)} }`)
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const m = /index '([^']+)'/.exec(err.message ?? '')
        const index = m ? m[1].replace(/^c_.*?__/, '').replace(/__u$/, '') : 'unique'
        throw duplicateKey(api, coll, index, `(document ${JSON.stringify(id)})`)
      }
      if (err.code === 'SQLITE_CONSTRAINT_TRIGGER') throw requestFailed(api, `${err.message ?? ''} (document ${JSON.stringify(id)})`)
      throw e
    }
  }

  close(): void {
    this.endReadTurn()
    if (this.db.open) this.flush()
    if (this.db.open) this.db.close()
    this.checkpointer?.close()
    if (this.ownerLock?.open) this.ownerLock.close()
  }
}
