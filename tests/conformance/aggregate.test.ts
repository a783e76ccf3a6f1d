/**
 * Aggregation: stages match / group / sort / skip / limit / project / addFields / count / unwind and
 * the db.command.aggregate operators used for KPI grouping.
 * WeChat reference: reference-sdk-api/database/aggregate/Aggregate.* and
 * command/aggregate/AggregateCommand.* (developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/...);
 * AggregateCommand.dateToString: timezone is optional and MongoDB formats in UTC without it
 * (mongodb.com/docs/manual/reference/operator/aggregation/dateToString: "If no timezone is provided,
 * the result is displayed in UTC").
 */
import { createTarget, localOnly, test, rejectionOf, type Target } from './db-under-test'

let t: Target
let events: string

beforeAll(async () => {
  t = createTarget()
  events = t.name('events')
  const c = t.db.collection(events)
  const rows: Array<[string, string, string, number, string[]]> = [
    // [_id, store, staff, amount, createdAt (UTC)]
    ['e1', 's1', 'alice', 100, ['2024-03-01T15:30:00Z']],
    ['e2', 's1', 'bob', 50, ['2024-03-01T16:30:00Z']], // 00:30 on 03-02 in China
    ['e3', 's1', 'alice', 25, ['2024-03-02T02:00:00Z']],
    ['e4', 's2', 'carol', 200, ['2024-03-02T10:00:00Z']],
    ['e5', 's2', 'carol', 0, ['2024-03-03T23:59:59Z']]
  ]
  for (const [_id, store, staff, amount, [at]] of rows) {
    await c.add({ data: { _id, store, staff, amount, at: new Date(at), tags: amount > 60 ? ['big', 'paid'] : ['paid'] } })
  }
})
afterAll(() => t.close())

const $ = () => t.db.command.aggregate

describe('group', () => {
  test('accumulators sum / avg / min / max / first / last / push / addToSet, $.sum(1) counts', async () => {
    const res = await t.db
      .collection(events)
      .aggregate()
      .sort({ _id: 1 })
      .group({
        _id: '$store',
        n: $().sum(1),
        total: $().sum('$amount'),
        avg: $().avg('$amount'),
        min: $().min('$amount'),
        max: $().max('$at'),
        first: $().first('$staff'),
        last: $().last('$staff'),
        all: $().push('$staff'),
        staff: $().addToSet('$staff')
      })
      .sort({ _id: 1 })
      .end()
    expect(res.errMsg).toBe('collection.aggregate:ok')
    expect(res.list).toEqual([
      {
        _id: 's1',
        n: 3,
        total: 175,
        avg: 175 / 3,
        min: 25,
        max: new Date('2024-03-02T02:00:00Z'),
        first: 'alice',
        last: 'alice',
        all: ['alice', 'bob', 'alice'],
        staff: ['alice', 'bob']
      },
      {
        _id: 's2',
        n: 2,
        total: 200,
        avg: 100,
        min: 0,
        max: new Date('2024-03-03T23:59:59Z'),
        first: 'carol',
        last: 'carol',
        all: ['carol', 'carol'],
        staff: ['carol']
      }
    ])
  })

  test('_id may be null (one group) or an object of field references', async () => {
    const one = await t.db
      .collection(events)
      .aggregate()
      .group({ _id: null, total: $().sum('$amount') })
      .end()
    expect(one.list).toEqual([{ _id: null, total: 375 }])
    const pairs = await t.db
      .collection(events)
      .aggregate()
      .group({ _id: { store: '$store', staff: '$staff' }, n: $().sum(1) })
      .sort({ '_id.store': 1, '_id.staff': 1 })
      .end()
    expect(pairs.list).toEqual([
      { _id: { store: 's1', staff: 'alice' }, n: 2 },
      { _id: { store: 's1', staff: 'bob' }, n: 1 },
      { _id: { store: 's2', staff: 'carol' }, n: 2 }
    ])
  })

  // AggregateCommand.dateToString doc example: 1999-12-11T16:00:00Z formats as 1999-12-11 (UTC);
  // China day keys need timezone: 'Asia/Shanghai'
  test('daily KPI keys: dateToString is UTC by default and local with timezone Asia/Shanghai', async () => {
    const byDay = (timezone?: string) =>
      t.db
        .collection(events)
        .aggregate()
        .group({ _id: $().dateToString({ date: '$at', format: '%Y-%m-%d', ...(timezone ? { timezone } : {}) }), n: $().sum(1), amount: $().sum('$amount') })
        .sort({ _id: 1 })
        .end()
    expect((await byDay()).list).toEqual([
      { _id: '2024-03-01', n: 2, amount: 150 },
      { _id: '2024-03-02', n: 2, amount: 225 },
      { _id: '2024-03-03', n: 1, amount: 0 }
    ])
    expect((await byDay('Asia/Shanghai')).list).toEqual([
      { _id: '2024-03-01', n: 1, amount: 100 },
      { _id: '2024-03-02', n: 3, amount: 275 },
      { _id: '2024-03-04', n: 1, amount: 0 }
    ])
    expect((await byDay('+08:00')).list.map((r: unknown) => (r as { _id: string })._id)).toEqual(['2024-03-01', '2024-03-02', '2024-03-04'])
  })

  test('dateToString supports %H %M %S and the default ISO format', async () => {
    const res = await t.db
      .collection(events)
      .aggregate()
      .match({ _id: 'e2' })
      .project({
        _id: 0,
        utc: $().dateToString({ date: '$at' }),
        cn: $().dateToString({ date: '$at', format: '%Y/%m/%d %H:%M:%S', timezone: 'Asia/Shanghai' })
      })
      .end()
    expect(res.list).toEqual([{ utc: '2024-03-01T16:30:00.000Z', cn: '2024/03/02 00:30:00' }])
  })
})

describe('other stages', () => {
  test('match (where syntax) + sort + skip + limit', async () => {
    const _ = t.db.command
    const res = await t.db
      .collection(events)
      .aggregate()
      .match({ amount: _.gt(0) })
      .sort({ amount: -1 })
      .skip(1)
      .limit(2)
      .end()
    expect(res.list.map((d: unknown) => (d as { _id: string })._id)).toEqual(['e1', 'e2'])
  })

  test('project: inclusion, exclusion, computed fields with arithmetic and cond', async () => {
    const res = await t.db
      .collection(events)
      .aggregate()
      .match({ _id: 'e1' })
      .project({
        staff: 1,
        cents: $().multiply(['$amount', 100]),
        net: $().subtract(['$amount', 10]),
        half: $().divide(['$amount', 2]),
        plus: $().add(['$amount', 1, 2]),
        size: $().cond({ if: $().gte(['$amount', 100]), then: 'big', else: 'small' })
      })
      .end()
    expect(res.list).toEqual([{ _id: 'e1', staff: 'alice', cents: 10000, net: 90, half: 50, plus: 103, size: 'big' }])
    const excl = await t.db.collection(events).aggregate().match({ _id: 'e1' }).project({ tags: 0, at: 0, _id: 0 }).end()
    expect(excl.list).toEqual([{ store: 's1', staff: 'alice', amount: 100 }])
  })

  test('count and unwind', async () => {
    const cnt = await t.db.collection(events).aggregate().match({ store: 's1' }).count('n').end()
    expect(cnt.list).toEqual([{ n: 3 }])
    const tags = await t.db
      .collection(events)
      .aggregate()
      .unwind('$tags')
      .group({ _id: '$tags', n: $().sum(1) })
      .sort({ _id: 1 })
      .end()
    expect(tags.list).toEqual([
      { _id: 'big', n: 2 },
      { _id: 'paid', n: 5 }
    ])
  })

  test('match after group filters computed documents', async () => {
    const _ = t.db.command
    const res = await t.db
      .collection(events)
      .aggregate()
      .group({ _id: '$staff', total: $().sum('$amount') })
      .match({ total: _.gte(100) })
      .sort({ total: -1 })
      .end()
    expect(res.list).toEqual([
      { _id: 'carol', total: 200 },
      { _id: 'alice', total: 125 }
    ])
  })

  // Aggregate.lookup (equality form): a left outer join on another collection, one request for both reads.
  // MongoDB $lookup: an array localField matches any element; a missing one joins documents lacking the field.
  test('lookup joins another collection by equality: scalar, array and missing local fields', async () => {
    const staff = t.name('lookup_staff')
    for (const [_id, store, title] of [
      ['alice', 's1', 'lead'],
      ['bob', 's1', 'clerk'],
      ['carol', 's2', 'lead']
    ])
      await t.db.collection(staff).add({ data: { _id, store, title } })
    await t.db.collection(staff).add({ data: { _id: 'nobody', title: 'no store' } })
    const res = await t.db
      .collection(events)
      .aggregate()
      .match({ _id: t.db.command.in(['e1', 'e4']) })
      .sort({ _id: 1 })
      .lookup({ from: staff, localField: 'staff', foreignField: '_id', as: 'who' })
      .lookup({ from: staff, localField: 'who.store', foreignField: 'store', as: 'colleagues' })
      .lookup({ from: staff, localField: 'noSuchField', foreignField: 'store', as: 'storeless' })
      // an empty array joins as a missing value does (mongo jstests lookup_equijoin_semantics_lib.js)
      .lookup({ from: staff, localField: 'storeless.nothing', foreignField: 'store', as: 'viaEmpty' })
      .project({ who: 1, colleagues: '$colleagues._id', storeless: '$storeless._id', viaEmpty: '$viaEmpty._id' })
      .end()
    expect(res.list).toEqual([
      { _id: 'e1', who: [{ _id: 'alice', store: 's1', title: 'lead' }], colleagues: ['alice', 'bob'], storeless: ['nobody'], viaEmpty: ['nobody'] },
      { _id: 'e4', who: [{ _id: 'carol', store: 's2', title: 'lead' }], colleagues: ['carol'], storeless: ['nobody'], viaEmpty: ['nobody'] }
    ])
  })

  // The SDK builds every stage and operator; the local engine answers an error naming what it does not run.
  localOnly('stages and operators the local engine does not run are answered with an error naming them', async () => {
    const agg = t.db.collection(events).aggregate() as unknown as Record<string, (...a: unknown[]) => { end(): Promise<unknown> }>
    expect((await rejectionOf(() => agg.lookup({ from: 'x', let: { a: '$a' }, pipeline: [], as: 'c' }).end())).errMsg).toContain(
      'aggregate stage $lookup with let / pipeline is not supported'
    )
    await rejectionOf(() =>
      t.db
        .collection(events)
        .aggregate()
        .project({ x: { $regexMatch: { input: '$staff' } } })
        .end()
    )
  })
})
