/**
 * where() and db.command query operators.
 * WeChat guide "Querying Arrays and Objects" (developers.weixin.qq.com/miniprogram/en/dev/wxcloud/guide/database/query-array-object.html),
 * reference-sdk-api/database/command/Command.{eq,neq,gt,gte,lt,lte,in,nin,and,or,exists}, and the
 * MongoDB comparison semantics the cloud database inherits (type bracketing, null matches missing).
 */
import { createTarget, localOnly, test, rejectionOf, type Target } from './db-under-test'

let t: Target
let name: string
const ids = async (q: unknown): Promise<string[]> =>
  (
    await t.db
      .collection(name)
      .where(q as Record<string, unknown>)
      .limit(1000)
      .get()
  ).data
    .map((d) => String(d._id))
    .sort()

beforeAll(async () => {
  t = createTarget()
  name = t.name('q')
  const c = t.db.collection(name)
  const docs: Array<Record<string, unknown>> = [
    { _id: 'a', n: 1, s: 'apple', ok: true, style: { color: 'red', size: 'L' }, tags: ['x', 'y'], numbers: [10, 20, 30], at: new Date('2024-01-01T00:00:00Z') },
    { _id: 'b', n: 5, s: 'banana', ok: false, style: { color: 'blue' }, tags: ['y'], numbers: [20, 40], at: new Date('2024-06-01T00:00:00Z') },
    { _id: 'c', n: 10, s: 'cherry', ok: 1, nil: null, tags: [], at: new Date('2025-01-01T00:00:00Z') },
    {
      _id: 'd',
      n: '5',
      s: 'date',
      items: [
        { sku: 'p1', qty: 2 },
        { sku: 'p2', qty: 9 }
      ]
    },
    { _id: 'e', s: 'elder', n: 0 }
  ]
  for (const data of docs) await c.add({ data })
})
afterAll(() => t.close())

const _ = () => t.db.command

describe('equality', () => {
  // guide "Match nested fields": an object of the same structure and the dot notation are equivalent
  test('nested object in where() is the same as the dot path', async () => {
    expect(await ids({ style: { color: 'red' } })).toEqual(['a'])
    expect(await ids({ 'style.color': 'red' })).toEqual(['a'])
    expect(await ids({ style: { color: 'blue' }, n: 5 })).toEqual(['b'])
  })

  // guide "Match arrays / elements in arrays / the nth element"
  test('arrays match whole, by element, and by position', async () => {
    expect(await ids({ numbers: [10, 20, 30] })).toEqual(['a'])
    expect(await ids({ numbers: 20 })).toEqual(['a', 'b'])
    expect(await ids({ 'numbers.1': 20 })).toEqual(['a'])
    expect(await ids({ tags: 'y' })).toEqual(['a', 'b'])
    expect(await ids({ 'items.sku': 'p2' })).toEqual(['d'])
  })

  // MongoDB: equality is type-aware (5 is not '5'; true is not 1)
  test('equality is type-aware: numbers never equal strings and booleans are not 0/1', async () => {
    expect(await ids({ n: 5 })).toEqual(['b'])
    expect(await ids({ n: '5' })).toEqual(['d'])
    expect(await ids({ ok: true })).toEqual(['a'])
    expect(await ids({ ok: 1 })).toEqual(['c'])
  })

  // MongoDB: { field: null } matches documents where the field is null or missing
  test('null matches null and missing fields', async () => {
    expect(await ids({ nil: null })).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(await ids({ nil: _().exists(true) })).toEqual(['c'])
    expect(await ids({ ok: _().exists(false) })).toEqual(['d', 'e'])
  })

  // SDK where(): undefined values are dropped when serialising; a query of only undefined values is refused
  test('undefined values are ignored, but a query whose every value is undefined is refused', async () => {
    expect(await ids({ n: 5, missing: undefined })).toEqual(['b'])
    const err = await rejectionOf(() => t.db.collection(name).where({ openid: undefined }).get())
    expect(err.message).toMatch(/undefined/)
  })
})

describe('comparison commands', () => {
  // Command.gt etc. compare within one type bracket: a number is never greater than a string
  test('gt/gte/lt/lte on numbers ignore strings and booleans', async () => {
    expect(await ids({ n: _().gt(1) })).toEqual(['b', 'c'])
    expect(await ids({ n: _().gte(1) })).toEqual(['a', 'b', 'c'])
    expect(await ids({ n: _().lt(5) })).toEqual(['a', 'e'])
    expect(await ids({ n: _().lte(5) })).toEqual(['a', 'b', 'e'])
    expect(await ids({ n: _().gt('0') })).toEqual(['d'])
  })

  test('string comparisons use binary (code point) order', async () => {
    expect(await ids({ s: _().gte('cherry') })).toEqual(['c', 'd', 'e'])
    expect(await ids({ s: _().lt('b') })).toEqual(['a'])
  })

  // Dates compare as dates
  test('Date operands compare dates', async () => {
    expect(await ids({ at: _().gte(new Date('2024-03-01T00:00:00Z')) })).toEqual(['b', 'c'])
    expect(await ids({ at: _().lt(new Date('2024-06-01T00:00:00Z')) })).toEqual(['a'])
    expect(await ids({ at: new Date('2024-06-01T00:00:00Z') })).toEqual(['b'])
  })

  // Command.neq: "字段值不等于" — MongoDB $ne also matches documents without the field
  test('neq matches different values and missing fields', async () => {
    expect(await ids({ s: _().neq('apple') })).toEqual(['b', 'c', 'd', 'e'])
    expect(await ids({ ok: _().neq(true) })).toEqual(['b', 'c', 'd', 'e'])
  })

  // Command.in / Command.nin
  test('in / nin', async () => {
    expect(await ids({ n: _().in([1, 10, '5']) })).toEqual(['a', 'c', 'd'])
    expect(await ids({ n: _().nin([1, 10]) })).toEqual(['b', 'd', 'e'])
    expect(await ids({ tags: _().in(['x']) })).toEqual(['a'])
    expect(await ids({ _id: _().in(['a', 'e', 'zz']) })).toEqual(['a', 'e'])
  })
})

describe('logic commands', () => {
  // Command.and: chained form `_.gt(1).and(_.lt(5))` and the array form
  test('field-level and, chained and array forms', async () => {
    expect(await ids({ n: _().gt(0).and(_().lt(10)) })).toEqual(['a', 'b'])
    expect(await ids({ n: _().and([_().gt(0), _().lt(10)]) })).toEqual(['a', 'b'])
  })

  // Command.or: field-level (`_.or([_.lt(1), _.gt(5)])`) and across fields (`_.or([{...}, {...}])`)
  test('field-level or and top-level or / and', async () => {
    expect(await ids({ n: _().lt(1).or(_().gt(5)) })).toEqual(['c', 'e'])
    expect(await ids({ n: _().or([_().eq(1), _().eq(10)]) })).toEqual(['a', 'c'])
    expect(await ids(_().or([{ s: 'apple' }, { 'style.color': 'blue' }]))).toEqual(['a', 'b'])
    expect(await ids(_().and([{ n: _().gte(1) }, { n: _().lte(5) }]))).toEqual(['a', 'b'])
  })

  // A trap of the real SDK: `{ style: _.or([{ color: 'red' }, ...]) }` is serialized as a top-level
  // `$or: [{ color: 'red' }, ...]`, dropping the `style.` prefix, so it matches top-level `color`
  // fields (here: none). Write `_.or([{ 'style.color': 'red' }, ...])` instead.
  test('field-level or with query objects loses the field prefix (wx-server-sdk 3.0.4)', async () => {
    expect(await ids({ style: _().or([{ color: 'red' }, { color: 'blue' }]) })).toEqual([])
    expect(await ids(_().or([{ 'style.color': 'red' }, { 'style.color': 'blue' }]))).toEqual(['a', 'b'])
  })
})

describe('ordering and paging', () => {
  // Collection.orderBy: several orderBy calls sort by several fields, in call order
  test('orderBy on several fields, skip and limit', async () => {
    const c = t.db.collection(t.name('order'))
    const rows = [
      { _id: '1', g: 'b', v: 1 },
      { _id: '2', g: 'a', v: 2 },
      { _id: '3', g: 'b', v: 3 },
      { _id: '4', g: 'a', v: 1 }
    ]
    for (const data of rows) await c.add({ data })
    const got = (await c.orderBy('g', 'asc').orderBy('v', 'desc').get()).data.map((d) => d._id)
    expect(got).toEqual(['2', '4', '3', '1'])
    const page = (await c.orderBy('g', 'asc').orderBy('v', 'desc').skip(1).limit(2).get()).data.map((d) => d._id)
    expect(page).toEqual(['4', '3'])
    expect(() => c.orderBy('g', 'up' as 'asc')).toThrow(/排序字符不合法/) // the SDK refuses before any request
  })

  test('field() with true includes only the listed fields plus _id', async () => {
    const { data } = await t.db.collection(name).where({ _id: 'a' }).field({ s: true, 'style.color': true }).get()
    expect(data).toEqual([{ _id: 'a', s: 'apple', style: { color: 'red' } }])
  })
})

describe('operators the local engine does not evaluate fail loudly', () => {
  // The SDK builds them and sends them; the local cloud answers an error naming the operator instead
  // of silently matching nothing (README lists what it evaluates). Local only: the cloud runs them.
  const cmd = (): Record<string, (...a: unknown[]) => unknown> => t.db.command as unknown as Record<string, (...a: unknown[]) => unknown>
  const queries: Array<[string, () => unknown]> = [
    ['$mod', () => ({ n: cmd().mod([2, 0]) })],
    ['$elemMatch', () => ({ n: cmd().elemMatch({ a: 1 }) })],
    ['$all', () => ({ n: cmd().all([1]) })],
    ['$size', () => ({ n: cmd().size(1) })],
    ['$nor', () => cmd().nor([{ n: 1 }])],
    ['$not', () => ({ n: cmd().not(cmd().eq(1)) })],
    ['$expr', () => cmd().expr(t.db.command.aggregate.eq(['$n', 1]))]
  ]
  localOnly.each(queries)('%s is answered with an error naming it', async (op, query) => {
    const err = await rejectionOf(() =>
      t.db
        .collection(name)
        .where(query() as Record<string, unknown>)
        .get()
    )
    expect(err.errMsg).toMatch(/^collection\.get:fail -501001 /)
    expect(err.errMsg).toContain(`query operator ${op} is not supported by the local cloud database`)
  })

  localOnly('db.RegExp and JS RegExp queries are answered "not supported"', async () => {
    for (const s of [t.db.RegExp({ regexp: '^a' }), /^a/]) {
      const err = await rejectionOf(() => t.db.collection(name).where({ s }).get())
      expect(err.errMsg).toMatch(/RegExp.*not supported/)
    }
  })
})

describe('SQL and in-memory evaluation agree', () => {
  // The same query runs in SQL for where().get() and in JS for an aggregate match after another
  // stage; both must implement the cloud's semantics, so they must agree on random data.
  test('200 random queries over 300 random documents give the same results both ways', async () => {
    const c = t.db.collection(t.name('fuzz'))
    let seed = 42
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]
    const values = (): unknown =>
      pick<unknown>([0, 1, 2, 3, 2.5, -1, '1', '2', 'a', 'b', true, false, null, new Date(1e12), new Date(2e12), [1, 2], ['a'], { x: 1 }])
    // p holds arrays sometimes (JS path via lc_match); q, r and o.k never do (pure SQL path)
    const noArrays = (): unknown => {
      const v = values()
      return Array.isArray(v) ? 'arr' : v
    }
    for (let i = 0; i < 300; i++) {
      const data: Record<string, unknown> = { _id: `f${i}` }
      if (rnd() < 0.8) data.p = values()
      for (const f of ['q', 'r']) if (rnd() < 0.8) data[f] = noArrays()
      if (rnd() < 0.5) data.o = { k: noArrays() }
      await c.add({ data })
    }
    const cmd = _()
    const ops = [
      (v: unknown) => v,
      (v: unknown) => cmd.eq(v),
      (v: unknown) => cmd.neq(v),
      (v: unknown) => cmd.gt(v),
      (v: unknown) => cmd.gte(v),
      (v: unknown) => cmd.lt(v),
      (v: unknown) => cmd.lte(v),
      (v: unknown) => cmd.in([v, values()]),
      (v: unknown) => cmd.nin([v]),
      () => cmd.exists(rnd() < 0.5)
    ]
    const scalar = (): unknown => pick<unknown>([0, 1, 2, 2.5, '1', 'a', 'b', true, false, null, new Date(1e12), new Date(1.5e12)])
    const cond = (): Record<string, unknown> => ({ [pick(['p', 'q', 'r', 'o.k'])]: pick(ops)(scalar()) })
    for (let i = 0; i < 200; i++) {
      const q = rnd() < 0.3 ? cmd.or([cond(), cond()]) : rnd() < 0.5 ? { ...cond(), ...cond() } : cond()
      const viaSql = ((await c.where(q).limit(1000).get()).data.map((d) => d._id) as string[]).sort()
      const viaJs = (await c.aggregate().addFields({ zz: 1 }).match(q).limit(1000).end()).list.map((d: unknown) => (d as { _id: string })._id).sort()
      expect({ i, viaSql }).toEqual({ i, viaSql: viaJs })
    }
  })
})
