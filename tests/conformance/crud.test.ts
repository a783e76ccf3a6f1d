/**
 * Basic CRUD: add / doc().get / set / update / remove and their result shapes.
 * WeChat docs: reference-sdk-api/database/collection/Collection.add, document/Document.get,
 * Document.set, Document.update, Document.remove (developers.weixin.qq.com/miniprogram/dev/wxcloud/...).
 */
import { createTarget, test, rejectionOf, type Target } from './db-under-test'

let t: Target
beforeAll(() => {
  t = createTarget()
})
afterAll(() => t.close())

describe('Collection.add', () => {
  // Collection.add: "如果传入的记录对象没有 _id 字段，则由后台自动生成 _id" — result carries _id
  test('add without _id generates an _id and resolves { _id, errMsg: "collection.add:ok" }', async () => {
    const c = t.db.collection(t.name('crud'))
    const res = await c.add({ data: { name: 'a' } })
    expect((res as { errMsg?: string }).errMsg).toBe('collection.add:ok')
    expect(typeof res._id).toBe('string')
    expect(String(res._id)).toMatch(/^[0-9a-f]{32}$/)
    const again = await c.add({ data: { name: 'b' } })
    expect(again._id).not.toBe(res._id)
    expect((await c.doc(res._id).get()).data).toEqual({ _id: res._id, name: 'a' })
  })

  // Collection.add: "若指定了 _id，则不能与已有记录冲突"; CloudBase names the failure
  // DATABASE_DUPLICATE_WRITE (docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE) and wx-server-sdk
  // wraps it as errCode -502001 "database request fail" with MongoDB's E11000 text.
  test('add with an _id that exists rejects with a duplicate-write error and leaves the record unchanged', async () => {
    const c = t.db.collection(t.name('crud'))
    await c.add({ data: { _id: 'fan-1', v: 1 } })
    const err = await rejectionOf(() => c.add({ data: { _id: 'fan-1', v: 2 } }))
    // the server answers code DATABASE_DUPLICATE_WRITE, which wx-server-sdk's table does not list: -501001
    expect(err.errCode).toBe(-501001)
    expect(err.errMsg).toMatch(/^collection\.add:fail -501001 resource system error\. .*(DUPLICATE|duplicate key|E11000)/)
    expect(err.code).toBeUndefined()
    expect((await c.doc('fan-1').get()).data).toEqual({ _id: 'fan-1', v: 1 })
  })

  // Collection.add: _id is "string/number"; MongoDB keeps 1 and '1' distinct
  test('numeric and string _id values are distinct keys', async () => {
    const c = t.db.collection(t.name('crud'))
    await c.add({ data: { _id: 1, kind: 'number' } })
    await c.add({ data: { _id: '1', kind: 'string' } })
    expect((await c.doc(1 as unknown as string).get()).data).toEqual({ _id: 1, kind: 'number' })
    expect((await c.doc('1').get()).data).toEqual({ _id: '1', kind: 'string' })
  })

  // Collection.add example stores Date and db.Geo.Point; reads return Date and Point objects
  // (the SDK's Util.formatField turns GeoJSON back into Point and $date into Date)
  test('Date and Geo.Point values round-trip as Date and Point', async () => {
    const c = t.db.collection(t.name('crud'))
    const due = new Date('2018-09-01T00:00:00Z')
    const { _id } = await c.add({ data: { due, location: t.db.Geo.Point(113, 23), tags: ['cloud'] } })
    const { data } = await c.doc(_id).get()
    expect(data?.due).toBeInstanceOf(Date)
    expect((data?.due as Date).getTime()).toBe(due.getTime())
    expect(data?.location).toMatchObject({ longitude: 113, latitude: 23 })
    expect((data?.location as { toJSON(): unknown }).toJSON()).toEqual({ type: 'Point', coordinates: [113, 23] })
  })

  // Database.serverDate: "构造一个服务端时间的引用"; offset in milliseconds
  test('db.serverDate() is stored as the server time, with offset in ms', async () => {
    const c = t.db.collection(t.name('crud'))
    const before = Date.now()
    const { _id } = await c.add({ data: { at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }) } })
    const { data } = await c.doc(_id).get()
    const at = (data?.at as Date).getTime()
    expect(at).toBeGreaterThanOrEqual(before)
    expect(at).toBeLessThanOrEqual(Date.now())
    expect((data?.later as Date).getTime() - at).toBe(60_000)
  })
})

describe('Document.get', () => {
  // Document.get notes: "默认情况下，如果获取不到记录，方法会抛出异常"; the thrown error reads
  // {"errCode":-1,"errMsg":"document.get:fail document with _id xxxid does not exist; at document.get api; "}
  // (developers.weixin.qq.com/community/develop/doc/00002e45c28db802b468562345b000)
  test('doc().get() on a missing _id rejects with errCode -1 "document.get:fail ... does not exist"', async () => {
    const c = t.db.collection(t.name('crud'))
    await c.add({ data: { _id: 'present' } })
    const err = await rejectionOf(() => c.doc('xxxid').get())
    expect(err.errCode).toBe(-1)
    // wx-server-sdk 3.0.4 says exactly this; older versions appended "; at document.get api; "
    expect(err.errMsg).toMatch(/^document\.get:fail document with _id xxxid does not exist/)
  })

  // Document.get notes: "在初始化 db 对象时设置 throwOnNotFound 为 false" returns empty instead of throwing
  test('with throwOnNotFound: false a missing document resolves with empty data', async () => {
    const t2 = createTarget({ throwOnNotFound: false })
    const res = await t2.db.collection(t2.name('crud')).doc('nope').get()
    expect(res.data).toBeFalsy()
    await t2.close()
  })

  test('doc().field() projects the returned record', async () => {
    const c = t.db.collection(t.name('crud'))
    await c.add({ data: { _id: 'p', a: 1, b: 2, c: { d: 3, e: 4 } } })
    expect((await c.doc('p').field({ a: true, 'c.d': true }).get()).data).toEqual({ _id: 'p', a: 1, c: { d: 3 } })
    expect((await c.doc('p').field({ b: false, c: false }).get()).data).toEqual({ _id: 'p', a: 1 })
  })
})

describe('Document.set / update / remove', () => {
  // Document.set: "替换更新一条记录"; stats.updated is 1 if the _id existed, otherwise created is 1
  test('set() creates a missing document and replaces an existing one wholesale', async () => {
    const c = t.db.collection(t.name('crud'))
    const created = await c.doc('s1').set({ data: { a: 1, b: { c: 2 } } })
    expect(created).toEqual({ _id: 's1', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' })
    const replaced = await c.doc('s1').set({ data: { b: { d: 3 } } })
    expect(replaced.stats).toEqual({ updated: 1, created: 0 })
    expect((await c.doc('s1').get()).data).toEqual({ _id: 's1', b: { d: 3 } })
  })

  // SDK Document.set refuses _id in data ("不能更新_id的值") and update operators ("update operator complicit")
  test('set() refuses _id in data and update operators', async () => {
    const c = t.db.collection(t.name('crud'))
    expect((await rejectionOf(() => c.doc('s2').set({ data: { _id: 'x' } }))).errCode).toBe(-501007)
    await rejectionOf(() => c.doc('s2').set({ data: { n: t.db.command.inc(1) } }))
    expect((await c.where({}).count()).total).toBe(0)
  })

  // Document.update: stats.updated "成功更新的记录数量，在此只可能会是 0 或 1"
  test('update() of an existing document reports updated: 1; of a missing one updated: 0 and creates nothing', async () => {
    const c = t.db.collection(t.name('crud'))
    await c.add({ data: { _id: 'u1', done: false } })
    expect(await c.doc('u1').update({ data: { done: true } })).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' })
    expect((await c.doc('missing').update({ data: { done: true } })).stats.updated).toBe(0)
    expect((await c.count()).total).toBe(1)
  })

  // Document.remove: stats.removed
  test('remove() deletes the document and reports removed: 1 (0 when absent)', async () => {
    const c = t.db.collection(t.name('crud'))
    await c.add({ data: { _id: 'r1' } })
    expect(await c.doc('r1').remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' })
    expect((await c.doc('r1').remove()).stats.removed).toBe(0)
    await rejectionOf(() => c.doc('r1').get())
  })

  // Collection.update / Collection.remove in a cloud function act on every matching record
  test('where().update() and where().remove() affect every match and report counts', async () => {
    const c = t.db.collection(t.name('crud'))
    for (let i = 0; i < 5; i++) await c.add({ data: { _id: `w${i}`, done: i < 3, progress: i } })
    const up = await c.where({ done: true }).update({ data: { progress: t.db.command.inc(10) } })
    expect(up).toEqual({ stats: { updated: 3 }, errMsg: 'collection.update:ok' })
    expect((await c.where({ progress: t.db.command.gte(10) }).count()).total).toBe(3)
    const rm = await c.where({ done: false }).remove()
    expect(rm).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' })
    expect((await c.count()).total).toBe(3)
  })

  // Collection.get result shape: { data: [...] }; count: { total }
  test('get() resolves { data, errMsg: "collection.get:ok" } and count() { total }', async () => {
    const c = t.db.collection(t.name('crud'))
    await c.add({ data: { _id: 'g1', n: 1 } })
    expect(await c.get()).toEqual({ data: [{ _id: 'g1', n: 1 }], errMsg: 'collection.get:ok' })
    expect(await c.count()).toEqual({ total: 1, errMsg: 'collection.count:ok' })
  })
})

describe('collections that were never created', () => {
  // Real cloud: collections are created in the console; operating on a missing one fails with
  // -502005 "database collection not exists" / DATABASE_COLLECTION_NOT_EXIST
  // (docs.cloudbase.net/en/error-code/basic/DATABASE_COLLECTION_NOT_EXIST). Local default is lenient
  // (write creates, read sees empty); strictCollections reproduces the cloud.
  test('strictCollections reproduces -502005 for reads and writes of an uncreated collection', async () => {
    const t2 = createTarget({ strictCollections: true })
    const name = t2.name('strict')
    const read = await rejectionOf(() => t2.db.collection(name).get())
    expect(read.errCode).toBe(-502005)
    const write = await rejectionOf(() => t2.db.collection(name).add({ data: { a: 1 } }))
    expect(write.errCode).toBe(-502005)
    await t2.db.createCollection(name)
    await t2.db.collection(name).add({ data: { a: 1 } })
    expect((await t2.db.collection(name).count()).total).toBe(1)
    await t2.close()
  })

  test('default local mode: get() of a never-written collection resolves [] and add() creates it', async () => {
    const name = t.name('lazy')
    expect((await t.db.collection(name).get()).data).toEqual([])
    await t.db.collection(name).add({ data: { a: 1 } })
    expect((await t.db.collection(name).get()).data).toHaveLength(1)
  })
})
