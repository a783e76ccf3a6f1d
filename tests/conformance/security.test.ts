/**
 * Hostile input must never become a query operator.
 * In the SDK, operators are only produced by db.command (the serializer turns command objects into
 * $-operators); documents may not contain $-prefixed or dotted field names (MongoDB field-name
 * rules). The local database refuses any $ key in query or data, so that a cloud function copying
 * client JSON into where() fails loudly instead of running { $ne: null }-style injections.
 */
import { createTarget, rejectionOf, type Target } from './db-under-test'

let t: Target
let name: string
beforeAll(async () => {
  t = createTarget()
  name = t.name('sec')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'u1', openid: 'alice', role: 'staff', name: '$other' } })
  await c.add({ data: { _id: 'u2', openid: 'bob', role: 'manager' } })
})
afterAll(() => t.close())

const where = (q: unknown) => t.db.collection(name).where(q).get()

describe('$ keys in where()', () => {
  test.each([
    ['top-level $where', { $where: 'this.role == "manager"' }],
    ['top-level $or', { $or: [{ role: 'manager' }] }],
    ['field operator object', { openid: { $ne: null } }],
    ['nested operator object', { profile: { level: { $gt: 0 } } }],
    ['operator in a dot path', { 'openid.$ne': 'x' }],
    ['regex operator', { openid: { $regex: '.*' } }]
  ])('%s is refused', async (_label, q) => {
    const err = await rejectionOf(() => where(q))
    expect(err.errCode).toBe(-501007)
    expect(err.message).toMatch(/\$/)
  })

  test('client JSON with an operator is refused, not executed', async () => {
    const event = JSON.parse('{"openid":{"$ne":""}}') as Record<string, unknown>
    await rejectionOf(() => where({ openid: event.openid }))
  })

  test('a string that looks like a field reference is a literal value', async () => {
    expect((await where({ name: '$other' })).data.map((d) => d._id)).toEqual(['u1'])
    expect((await where({ openid: '$openid' })).data).toEqual([])
  })

  test('aggregate match refuses $ keys too', () => {
    expect(() =>
      t.db
        .collection(name)
        .aggregate()
        .match({ role: { $in: ['manager'] } })
    ).toThrow(/\$in/)
  })

  test('an undefined id never widens a query', async () => {
    await rejectionOf(() => where({ openid: undefined }))
    expect(() => t.db.collection(name).doc(undefined as unknown as string)).toThrow()
    expect(() => t.db.collection(name).doc('')).toThrow()
  })
})

describe('$ and dotted keys in written data', () => {
  test('update data with $set / $inc keys is refused', async () => {
    const c = t.db.collection(name)
    await rejectionOf(() => c.doc('u1').update({ data: { $set: { role: 'manager' } } }))
    await rejectionOf(() => c.doc('u1').update({ data: { profile: { $inc: { n: 1 } } } }))
    expect((await c.doc('u1').get()).data?.role).toBe('staff')
  })

  test('documents may not carry $-prefixed field names (a client cannot forge a Date)', async () => {
    const c = t.db.collection(name)
    await rejectionOf(() => c.add({ data: { at: { $date: 0 } } }))
    await rejectionOf(() => c.doc('u3').set({ data: { nested: { $where: 1 } } }))
    await rejectionOf(() => c.add({ data: { 'a.b': 1 } }))
    expect((await c.count()).total).toBe(2)
  })

  test('__proto__ keys from JSON input are refused and never pollute prototypes', async () => {
    const c = t.db.collection(name)
    const evil = JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Record<string, unknown>
    await rejectionOf(() => c.add({ data: evil }))
    await rejectionOf(() => c.doc('u1').update({ data: evil }))
    await rejectionOf(() => where(evil))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
