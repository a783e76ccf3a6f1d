/**
 * Update semantics: plain objects merge by dot path, db.command.inc / set / remove / push.
 * WeChat reference: database/command.set (developers.weixin.qq.com/minigame/en/dev/wxcloud/reference-client-api/database/command.set.html),
 * Command.inc, Command.remove, Command.push; SDK UpdateSerializer (TencentCloudBase/tcb-js-sdk-database
 * src/serializer/update.ts) which flattens nested objects into $set of dot paths.
 */
import { createTarget, test, rejectionOf, type Target } from './db-under-test'

let t: Target
beforeAll(() => {
  t = createTarget()
})
afterAll(() => t.close())

async function seed(
  data: Record<string, unknown>
): Promise<{ id: string; get(): Promise<Record<string, unknown>>; update(d: Record<string, unknown>): Promise<unknown> }> {
  const c = t.db.collection(t.name('upd'))
  const { _id } = await c.add({ data })
  return {
    id: String(_id),
    get: async () => {
      const { data: d } = await c.doc(_id).get()
      const { _id: _drop, ...rest } = d as Record<string, unknown>
      return rest
    },
    update: (d) => c.doc(_id).update({ data: d })
  }
}

const _ = () => t.db.command

describe('plain objects in update data', () => {
  // command.set doc: "only the style.color is updated to red ... without affecting other fields in the style"
  test('a nested plain object updates only the named sub-fields', async () => {
    const d = await seed({ style: { color: 'skyblue', size: 'L' }, done: false })
    await d.update({ style: { color: 'red' } })
    expect(await d.get()).toEqual({ style: { color: 'red', size: 'L' }, done: false })
  })

  // command.set doc: "the style is updated to { color: 'red', size: 'large' }" — no merge
  test('_.set(object) replaces the field without merging', async () => {
    const d = await seed({ style: { color: 'skyblue', size: 'L', weight: 1 } })
    await d.update({ style: _().set({ color: 'red', size: 'large' }) })
    expect(await d.get()).toEqual({ style: { color: 'red', size: 'large' } })
  })

  test('dot-path keys address nested fields and create missing parents', async () => {
    const d = await seed({ a: { b: 1 } })
    await d.update({ 'a.c': 2, 'x.y.z': 3 })
    expect(await d.get()).toEqual({ a: { b: 1, c: 2 }, x: { y: { z: 3 } } })
  })

  test('arrays in update data replace the array; "arr.1" sets one element', async () => {
    const d = await seed({ arr: [1, 2, 3] })
    await d.update({ 'arr.1': 20 })
    expect(await d.get()).toEqual({ arr: [1, 20, 3] })
    await d.update({ arr: [9] })
    expect(await d.get()).toEqual({ arr: [9] })
  })

  // SDK Document.update / Query.update: "不能更新_id的值"
  test('updating _id is refused', async () => {
    const d = await seed({ a: 1 })
    const err = await rejectionOf(() => d.update({ _id: 'other' }))
    expect(err.errCode).toBe(-501007)
    expect(await d.get()).toEqual({ a: 1 })
  })

  // Real deployments: "document.update:fail -502001 ... Cannot create field 'analysisDate' in element {analysisResults: null}"
  test("setting a field under a null parent fails like MongoDB: Cannot create field 'x' in element {p: null}", async () => {
    const d = await seed({ review: null })
    const err = await rejectionOf(() => d.update({ review: { content: 'ok' } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/Cannot create field 'content' in element \{review: null\}/)
  })

  // MongoDB: "Updating the path 'a.b' would create a conflict at 'a'"
  test('conflicting paths in one update are refused', async () => {
    const d = await seed({ a: { b: 1 } })
    await rejectionOf(() => d.update({ a: _().set({}), 'a.b': 2 }))
  })
})

describe('db.command.inc', () => {
  // Command.inc: atomic increment; a missing field starts from 0
  test('increments, decrements with a negative number, and creates a missing field', async () => {
    const d = await seed({ n: 5 })
    await d.update({ n: _().inc(3) })
    await d.update({ n: _().inc(-1), m: _().inc(2), 'deep.k': _().inc(1) })
    expect(await d.get()).toEqual({ n: 7, m: 2, deep: { k: 1 } })
  })

  test('$inc on a non-number fails and changes nothing', async () => {
    const d = await seed({ n: 'five', other: 1 })
    const err = await rejectionOf(() => d.update({ n: _().inc(1), other: 2 }))
    expect(err.errMsg).toMatch(/non-numeric/)
    expect(await d.get()).toEqual({ n: 'five', other: 1 })
  })

  test('concurrent where().update() with inc never loses an increment', async () => {
    const c = t.db.collection(t.name('inc'))
    await c.add({ data: { _id: 'k', day: '2024-01-01', n: 0 } })
    await Promise.all(Array.from({ length: 100 }, () => c.where({ day: '2024-01-01' }).update({ data: { n: _().inc(1) } })))
    expect((await c.doc('k').get()).data?.n).toBe(100)
  })
})

describe('db.command.remove and push', () => {
  // Command.remove: deletes the field
  test('_.remove() deletes a field (nested too); removing a missing field is a no-op', async () => {
    const d = await seed({ a: 1, b: { c: 2, d: 3 } })
    await d.update({ a: _().remove(), 'b.c': _().remove(), zz: _().remove() })
    expect(await d.get()).toEqual({ b: { d: 3 } })
  })

  // Command.push: push(value) / push([values]) append; on a missing field an array is created
  test('_.push appends one value or an array of values, creating the array if missing', async () => {
    const d = await seed({ tags: ['a'] })
    await d.update({ tags: _().push('b') })
    await d.update({ tags: _().push(['c', 'd']), fresh: _().push([1]) })
    expect(await d.get()).toEqual({ tags: ['a', 'b', 'c', 'd'], fresh: [1] })
  })

  // Command.push({ each, position, slice, sort })
  test('_.push with each / position / slice / sort', async () => {
    const d = await seed({ arr: [1, 5] })
    await d.update({ arr: _().push({ each: [2, 3], position: 1 }) })
    expect((await d.get()).arr).toEqual([1, 2, 3, 5])
    await d.update({ arr: _().push({ each: [4], sort: -1, slice: 3 }) })
    expect((await d.get()).arr).toEqual([5, 4, 3])
  })

  test('_.push onto a non-array fails', async () => {
    const d = await seed({ arr: 'x' })
    await rejectionOf(() => d.update({ arr: _().push(1) }))
    expect((await d.get()).arr).toBe('x')
  })
})
