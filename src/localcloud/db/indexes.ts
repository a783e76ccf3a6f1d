/**
 * ensureIndexes(spec): the repo's index file turned into SQLite objects.
 *
 *  - ordinary keys -> a key column per field holding json_extract(data,'$."f"'), kept by the store's
 *    writes, and CREATE INDEX on those columns (query-sql.ts compares the same columns);
 *  - unique -> additionally a UNIQUE index over IFNULL(expr, X'00'): a missing field and null then
 *    collide, as in the cloud ("a unique index treats a missing field as null; only one document
 *    may lack it"); a plain SQLite UNIQUE index would let any number of NULLs through;
 *  - '2dsphere' -> an R*Tree of the point and a count of points per cell (to size a search), kept in
 *    step with the collection by triggers (so every write path maintains them), which also refuse a
 *    value that is not a GeoJSON Point, as MongoDB refuses to insert one into a 2dsphere-indexed field
 *    ("Can't extract geo keys").
 *
 * Idempotent: the spec of each index is recorded; an unchanged index is left alone, a changed one
 * is dropped and rebuilt. Indexes removed from the spec are kept.
 */
import { invalidParam, requestFailed } from './errors'
import { cellSql, cellsTable } from './geo'
import { parsePath, sqlJsonPath } from './paths'
import { quoteIdent, Store } from './store'

export interface IndexKey {
  field: string
  direction: 1 | -1 | '2dsphere'
}
export interface IndexDef {
  name: string
  keys: IndexKey[]
  unique?: boolean
}
export interface IndexSpec {
  collections: Record<string, { indexes?: IndexDef[] }>
}

const API = 'ensureIndexes'

/** What an index key is built on: `_id`, or the field's key column (added and filled when missing). */
function keyExpr(store: Store, coll: string, field: string): string {
  if (field === '_id') return '_id'
  const jp = sqlJsonPath(parsePath(field, API))
  if (jp === null) throw invalidParam(API, `field ${JSON.stringify(field)} cannot be indexed locally (array positions / unusual characters)`)
  return store.addKeyColumn(coll, field, jp)
}

function objectNames(coll: string, name: string): { plain: string; unique: string; rtree: string; trig: string } {
  // the R*Tree (and its shadow tables) must not start with c_, the prefix of collection tables
  const base = `c_${coll}__${name}`
  return { plain: base, unique: `${base}__u`, rtree: `g_${coll}__${name}`, trig: base }
}

export function ensureIndexes(store: Store, spec: IndexSpec): void {
  for (const coll of Object.keys(spec.collections ?? {})) {
    Store.checkName(coll, API)
    store.write(() => {
      store.ensureTable(coll, API, true)
      for (const def of spec.collections[coll].indexes ?? []) ensureOne(store, coll, def)
    })
  }
}

/**
 * An index built by an earlier version of this code, rebuilt in place so old data folders keep working:
 * a geo index without its per-cell counts, or a plain one on json_extract expressions instead of key
 * columns (see KeyColumn in key-columns.ts).
 */
function outdated(store: Store, coll: string, def: IndexDef): boolean {
  if (def.keys.some((k) => k.direction === '2dsphere')) {
    const cells = cellsTable(objectNames(coll, def.name).rtree)
    return store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(cells) === undefined
  }
  const index = store.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(objectNames(coll, def.name).plain) as
    { sql: string } | undefined
  return index !== undefined && index.sql.includes('json_extract(')
}

function ensureOne(store: Store, coll: string, def: IndexDef): void {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(def.name)) throw invalidParam(API, `invalid index name ${JSON.stringify(def.name)}`)
  if (!Array.isArray(def.keys) || def.keys.length === 0) throw invalidParam(API, `index ${def.name} has no keys`)
  const specText = JSON.stringify({ keys: def.keys, unique: def.unique === true })
  const prev = store.db.prepare('SELECT spec FROM _lc_indexes WHERE coll = ? AND name = ?').get(coll, def.name) as { spec: string } | undefined
  if (prev?.spec === specText && !outdated(store, coll, def)) return
  if (prev !== undefined) dropOne(store, coll, def.name)

  const names = objectNames(coll, def.name)
  const t = store.table(coll)
  const geoKeys = def.keys.filter((k) => k.direction === '2dsphere')
  const plainKeys = def.keys.filter((k) => k.direction !== '2dsphere')
  if (geoKeys.length > 1) throw invalidParam(API, `index ${def.name}: only one 2dsphere key is supported`)
  if (plainKeys.length > 0) {
    const cols = plainKeys.map((k) => `${keyExpr(store, coll, k.field)} ${k.direction === -1 ? 'DESC' : 'ASC'}`)
    store.db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(names.plain)} ON ${t} (${cols.join(', ')})`)
    if (def.unique === true) {
      const ucols = plainKeys.map((k) => `IFNULL(${keyExpr(store, coll, k.field)}, X'00')`)
      try {
        store.db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${quoteIdent(names.unique)} ON ${t} (${ucols.join(', ')})`)
      } catch (e) {
        throw requestFailed(
          API,
          `E11000 duplicate key error collection: ${coll} index: ${def.name} (existing documents violate the unique index: ${(e as Error).message})`
        )
      }
    }
  }
  if (geoKeys.length === 1) createGeo(store, coll, geoKeys[0].field, names)
  store.db.prepare('INSERT OR REPLACE INTO _lc_indexes (coll, name, spec) VALUES (?, ?, ?)').run(coll, def.name, specText)
}

function createGeo(store: Store, coll: string, field: string, names: ReturnType<typeof objectNames>): void {
  const jp = sqlJsonPath(parsePath(field, API))
  if (jp === null) throw invalidParam(API, `field ${JSON.stringify(field)} cannot carry a geo index locally`)
  const t = store.table(coll)
  const rt = quoteIdent(names.rtree)
  const cells = quoteIdent(cellsTable(names.rtree))
  const x = (d: string): string => `json_extract(${d}.data,'${jp}."coordinates"[0]')`
  const y = (d: string): string => `json_extract(${d}.data,'${jp}."coordinates"[1]')`
  const valid = (d: string): string =>
    `(json_extract(${d}.data,'${jp}."type"') = 'Point' AND json_array_length(${d}.data,'${jp}."coordinates"') = 2` +
    ` AND json_type(${d}.data,'${jp}."coordinates"[0]') IN ('integer','real') AND json_type(${d}.data,'${jp}."coordinates"[1]') IN ('integer','real')` +
    ` AND ${x(d)} BETWEEN -180 AND 180 AND ${y(d)} BETWEEN -90 AND 90)`
  const present = (d: string): string => `json_type(${d}.data,'${jp}') NOT IN ('null')`
  const refuse = `SELECT RAISE(ABORT, 'Can''t extract geo keys: ${field} is not a GeoJSON Point with coordinates in range') WHERE ${present('new')} AND NOT ${valid('new')};`
  const add =
    `INSERT INTO ${rt} (id, minX, maxX, minY, maxY) SELECT new.rowid, ${x('new')}, ${x('new')}, ${y('new')}, ${y('new')} WHERE ${valid('new')};` +
    ` INSERT INTO ${cells} (cell, n) SELECT ${cellSql(x('new'), y('new'))}, 1 WHERE ${valid('new')} ON CONFLICT (cell) DO UPDATE SET n = n + 1;`
  const remove = `UPDATE ${cells} SET n = n - 1 WHERE cell = ${cellSql(x('old'), y('old'))} AND ${valid('old')};`
  const bad = store.db.prepare(`SELECT count(*) AS n FROM ${t} AS d WHERE ${present('d')} AND NOT ${valid('d')}`).get() as { n: number }
  if (bad.n > 0) throw requestFailed(API, `Can't extract geo keys: ${bad.n} document(s) hold a non-Point value in ${field}`)
  store.db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS ${rt} USING rtree(id, minX, maxX, minY, maxY);
    CREATE TABLE IF NOT EXISTS ${cells} (cell INTEGER PRIMARY KEY, n INTEGER NOT NULL);
    CREATE TRIGGER IF NOT EXISTS ${quoteIdent(names.trig + '__ai')} AFTER INSERT ON ${t} BEGIN ${refuse} ${add} END;
    CREATE TRIGGER IF NOT EXISTS ${quoteIdent(names.trig + '__au')} AFTER UPDATE OF data ON ${t} BEGIN ${refuse} DELETE FROM ${rt} WHERE id = old.rowid; ${remove} ${add} END;
    CREATE TRIGGER IF NOT EXISTS ${quoteIdent(names.trig + '__ad')} AFTER DELETE ON ${t} BEGIN DELETE FROM ${rt} WHERE id = old.rowid; ${remove} END;
    DELETE FROM ${rt};
    INSERT INTO ${rt} (id, minX, maxX, minY, maxY) SELECT d.rowid, ${x('d')}, ${x('d')}, ${y('d')}, ${y('d')} FROM ${t} AS d WHERE ${valid('d')};
    DELETE FROM ${cells};
    INSERT INTO ${cells} (cell, n) SELECT ${cellSql(x('d'), y('d'))}, count(*) FROM ${t} AS d WHERE ${valid('d')} GROUP BY 1;
  `)
  store.db.prepare('INSERT OR REPLACE INTO _lc_geo (coll, field, rtree) VALUES (?, ?, ?)').run(coll, field, names.rtree)
  const list = store.geoIndexes(coll)
  if (!list.some((g) => g.field === field)) list.push({ field, rtree: names.rtree })
}

function dropOne(store: Store, coll: string, name: string): void {
  const n = objectNames(coll, name)
  store.db.exec(`
    DROP INDEX IF EXISTS ${quoteIdent(n.plain)};
    DROP INDEX IF EXISTS ${quoteIdent(n.unique)};
    DROP TRIGGER IF EXISTS ${quoteIdent(n.trig + '__ai')};
    DROP TRIGGER IF EXISTS ${quoteIdent(n.trig + '__au')};
    DROP TRIGGER IF EXISTS ${quoteIdent(n.trig + '__ad')};
    DROP TABLE IF EXISTS ${quoteIdent(n.rtree)};
    DROP TABLE IF EXISTS ${quoteIdent(cellsTable(n.rtree))};
  `)
  store.db.prepare('DELETE FROM _lc_geo WHERE coll = ? AND rtree = ?').run(coll, n.rtree)
  const list = store.geoIndexes(coll)
  const i = list.findIndex((g) => g.rtree === n.rtree)
  if (i !== -1) list.splice(i, 1)
  store.db.prepare('DELETE FROM _lc_indexes WHERE coll = ? AND name = ?').run(coll, name)
}
