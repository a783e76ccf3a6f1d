/**
 * Indexes from the repo's index spec (local-only: they inspect SQLite's query plan).
 *  - Queries must use the expression indexes ensureIndexes() creates: an indexed equality plus
 *    orderBy on 200,000 documents must SEARCH the index, never SCAN the table or sort in a temp B-tree.
 *  - Unique indexes: the cloud (MongoDB) indexes a missing field as null, so only one document may
 *    lack a uniquely-indexed field (docs.cloudbase.net/database/data-index; MongoDB unique index
 *    "missing field is stored as null").
 */
import { createTarget, localOf, localOnly, rejectionOf, wireOf, type Target } from './db-under-test'

let t: Target
const FANS = 'fans_plan'

beforeAll(() => {
  t = createTarget()
  if (t.local === null) return
  const local = localOf(t)
  local.ensureIndexes({
    collections: {
      [FANS]: {
        indexes: [
          {
            name: 'store_created',
            keys: [
              { field: 'storeId', direction: 1 },
              { field: 'createdAt', direction: -1 }
            ]
          },
          { name: 'owner', keys: [{ field: 'owner.staffId', direction: 1 }] }
        ]
      }
    }
  })
  const docs: Array<Record<string, unknown>> = []
  const base = Date.UTC(2024, 0, 1)
  for (let i = 0; i < 200_000; i++) {
    docs.push({ _id: `f${i}`, storeId: `s${i % 500}`, createdAt: new Date(base + i * 60_000), owner: { staffId: `st${i % 3000}` }, visits: i % 17 })
  }
  local.bulkInsert(FANS, docs)
}, 60_000)
afterAll(() => t.close())

/** The SQLite plan of the query the real SDK sends for `q.get()` (local only). */
const plan = async (q: { get(): Promise<unknown> }): Promise<string> => (await wireOf(t).explain(() => q.get())).join('\n')

localOnly('indexed equality + orderBy on 200,000 docs uses the index: no SCAN, no temp sort', async () => {
  const q = t.db.collection(FANS).where({ storeId: 's42' }).orderBy('createdAt', 'desc').limit(20)
  const p = await plan(q)
  expect(p).toMatch(/SEARCH .* USING INDEX c_fans_plan__store_created/)
  expect(p).not.toMatch(/SCAN/)
  expect(p).not.toMatch(/TEMP B-TREE/)
  const { data } = await q.get()
  expect(data).toHaveLength(20)
  expect(data.every((d) => d.storeId === 's42')).toBe(true)
  const times = data.map((d) => (d.createdAt as Date).getTime())
  expect([...times].sort((a, b) => b - a)).toEqual(times)
})

localOnly('equality + date range on the compound index searches the index', async () => {
  const _ = t.db.command
  const q = t.db.collection(FANS).where({ storeId: 's7', createdAt: _.gte(new Date(Date.UTC(2024, 2, 1))) })
  expect(await plan(q)).toMatch(/SEARCH .* USING INDEX c_fans_plan__store_created/)
  expect(await plan(q)).not.toMatch(/SCAN/)
  const expected = (await q.count()).total
  expect(expected).toBeGreaterThan(0)
})

localOnly('nested-path index and _id lookups search, in() uses the index', async () => {
  const _ = t.db.command
  expect(await plan(t.db.collection(FANS).where({ owner: { staffId: 'st9' } }))).toMatch(/SEARCH .* USING INDEX c_fans_plan__owner/)
  expect(await plan(t.db.collection(FANS).where({ _id: 'f10' }))).toMatch(/SEARCH .* USING INDEX/)
  expect(await plan(t.db.collection(FANS).where({ storeId: _.in(['s1', 's2']) }))).not.toMatch(/SCAN/)
})

localOnly('an unindexed field scans (sanity check of the assertion above)', async () => {
  expect(await plan(t.db.collection(FANS).where({ visits: 3 }))).toMatch(/SCAN/)
})

// Indexed fields are kept beside the document and rewritten only when their value changes; queries
// through the index must see every kind of write at once.
localOnly('an index answers after every kind of write: update, set, where().update(), transaction, remove', async () => {
  const name = t.name('follow')
  localOf(t).ensureIndexes({
    collections: {
      [name]: {
        indexes: [
          {
            name: 'owner',
            keys: [
              { field: 'owner.staffId', direction: 1 },
              { field: 'n', direction: 1 }
            ]
          }
        ]
      }
    }
  })
  const c = t.db.collection(name)
  const owned = async (staffId: string) => (await c.where({ owner: { staffId } }).orderBy('n', 'asc').get()).data.map((d) => d._id)
  expect(await plan(c.where({ owner: { staffId: 'a' } }).orderBy('n', 'asc'))).toMatch(/USING INDEX/)
  for (let i = 0; i < 4; i++) await c.add({ data: { _id: `d${i}`, owner: { staffId: 'a' }, n: i, other: 0 } })
  await c.doc('d0').update({ data: { other: 1 } }) // no indexed value changes
  await c.doc('d1').update({ data: { owner: { staffId: 'b' } } })
  await c.doc('d2').set({ data: { owner: { staffId: 'b' }, n: -1 } })
  expect(await owned('a')).toEqual(['d0', 'd3'])
  expect(await owned('b')).toEqual(['d2', 'd1'])
  await c.where({ n: t.db.command.gte(3) }).update({ data: { 'owner.staffId': 'c' } })
  await t.db.runTransaction(async (tx) => {
    await tx
      .collection(name)
      .doc('d0')
      .update({ data: { n: 9 } })
    await tx.collection(name).doc('d2').remove()
  })
  expect(await owned('a')).toEqual(['d0'])
  expect(await owned('b')).toEqual(['d1'])
  expect(await owned('c')).toEqual(['d3'])
  expect((await c.where({ owner: { staffId: 'a' }, n: 9 }).get()).data.map((d) => d._id)).toEqual(['d0'])
})

describe('unique indexes', () => {
  localOnly('a duplicate value is refused with the duplicate-write error; a missing field counts as null', async () => {
    const name = t.name('uniq')
    localOf(t).ensureIndexes({ collections: { [name]: { indexes: [{ name: 'openid', keys: [{ field: 'openid', direction: 1 }], unique: true }] } } })
    const c = t.db.collection(name)
    await c.add({ data: { openid: 'o1' } })
    const dup = await rejectionOf(() => c.add({ data: { openid: 'o1' } }))
    expect(dup.errCode).toBe(-501001) // DATABASE_DUPLICATE_WRITE, a code wx-server-sdk's table does not list
    expect(dup.errMsg).toMatch(/E11000|duplicate/)
    await c.add({ data: { other: 1 } }) // first document without openid: allowed
    await rejectionOf(() => c.add({ data: { other: 2 } })) // second one collides on null
    await rejectionOf(() => c.add({ data: { openid: null } }))
    expect((await c.count()).total).toBe(2)
  })

  localOnly('ensureIndexes is idempotent and fails when existing data violates a new unique index', async () => {
    const name = t.name('uniq2')
    const spec = { collections: { [name]: { indexes: [{ name: 'k', keys: [{ field: 'k', direction: 1 as const }], unique: true }] } } }
    await t.db.collection(name).add({ data: { k: 1 } })
    await t.db.collection(name).add({ data: { k: 2 } })
    localOf(t).ensureIndexes(spec)
    localOf(t).ensureIndexes(spec)
    const other = t.name('uniq3')
    await t.db.collection(other).add({ data: { k: 1 } })
    await t.db.collection(other).add({ data: { k: 1 } })
    expect(() => localOf(t).ensureIndexes({ collections: { [other]: spec.collections[name] } })).toThrow(/duplicate/)
  })
})
