/**
 * Record caps per request.
 *  - get(): "如果不带limit，云函数默认返回100，带limit最大可以返回1000"
 *    (developers.weixin.qq.com/community/develop/doc/0000a24f718e889a6b7b8fb2d5ac00); the SDK sends
 *    `limit < 1000 ? limit : 1000` and 100 when no limit is set (TencentCloudBase/tcb-js-sdk-database
 *    src/query.ts), i.e. a larger limit is clamped, not refused.
 *  - aggregate(): "云函数端聚合操作默认数据上限为20条" unless .limit() is given
 *    (developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13).
 */
import { createTarget, localOnly, test, rejectionOf, wireOf, type Target } from './db-under-test'

const N = 1500
let t: Target
let name: string

beforeAll(async () => {
  t = createTarget()
  name = t.name('caps')
  const c = t.db.collection(name)
  for (let i = 0; i < N; i++) await c.add({ data: { _id: `r${String(i).padStart(5, '0')}`, i, even: i % 2 === 0 } })
})
afterAll(() => t.close())

const get = (q: (c: ReturnType<Target['db']['collection']>) => { get(): Promise<{ data: unknown[] }> }) =>
  q(t.db.collection(name))
    .get()
    .then((r) => r.data.length)

test('get() without limit() returns at most 100 records', async () => {
  expect(await get((c) => c)).toBe(100)
  expect(await get((c) => c.where({ even: true }))).toBe(100)
})

test('limit(n) up to 1000 returns n records', async () => {
  expect(await get((c) => c.limit(500))).toBe(500)
  expect(await get((c) => c.limit(1000))).toBe(1000)
})

test('limit() above 1000 is clamped to 1000 rather than refused', async () => {
  expect(await get((c) => c.limit(5000))).toBe(1000)
})

// The SDK clamps before sending; the server caps too, whatever it is sent (a raw request, an older SDK).
localOnly('the local server caps a request itself: 100 without a limit, 1000 at most', async () => {
  const sent = async (extra: Record<string, unknown>) => {
    const answer = (await wireOf(t).send('database.getDocument', { collectionName: name, queryType: 'WHERE', ...extra })) as { data: { list: unknown[] } }
    return answer.data.list.length
  }
  expect(await sent({})).toBe(100)
  expect(await sent({ limit: 5000 })).toBe(1000)
  expect(await sent({ limit: 7 })).toBe(7)
})

test('limit(0) counts as no limit: 100 records', async () => {
  expect(await get((c) => c.limit(0))).toBe(100)
})

test('limit() and skip() take non-negative integers', async () => {
  await rejectionOf(() => t.db.collection(name).limit(1.5).get())
  await rejectionOf(() => t.db.collection(name).limit(-1).get())
  await rejectionOf(() => t.db.collection(name).skip(-3).get())
})

test('paging with orderBy/skip/limit reaches every record exactly once', async () => {
  const seen = new Set<unknown>()
  for (let skip = 0; skip < N; skip += 1000) {
    const page = await t.db.collection(name).orderBy('i', 'asc').skip(skip).limit(1000).get()
    page.data.forEach((d) => seen.add((d as { _id: unknown })._id))
  }
  expect(seen.size).toBe(N)
})

// Collection.count: returns the total, not capped by the 100/1000 read limits
test('count() is not capped', async () => {
  expect((await t.db.collection(name).count()).total).toBe(N)
})

test('aggregate() returns 20 records unless limit() is given', async () => {
  expect((await t.db.collection(name).aggregate().match({ even: true }).end()).list).toHaveLength(20)
  expect((await t.db.collection(name).aggregate().match({ even: true }).limit(600).end()).list).toHaveLength(600)
  const grouped = await t.db
    .collection(name)
    .aggregate()
    .group({ _id: '$i', n: t.db.command.aggregate.sum(1) })
    .end()
  expect(grouped.list).toHaveLength(20)
})

// Collection.update / remove in cloud functions affect all matches ("更新多条记录")
test('where().update() and where().remove() are not limited to 100 or 1000 records', async () => {
  const c = t.db.collection(name)
  expect((await c.where({ even: true }).update({ data: { touched: true } })).stats.updated).toBe(N / 2)
  expect((await c.where({ touched: true }).count()).total).toBe(N / 2)
  expect((await c.where({ touched: true }).remove()).stats.removed).toBe(N / 2)
  expect((await c.count()).total).toBe(N / 2)
})
