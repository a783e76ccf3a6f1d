/**
 * Hostile input and query operators, as the real SDK and the cloud treat them.
 *
 * wx-server-sdk does NOT keep client JSON from becoming an operator: a `{ $ne: '' }` copied from an
 * event into where() is serialized as-is and the server runs it (pinned below). Functions must
 * validate their input (the contract's zod schemas) before it reaches a query. What the database
 * itself refuses: `$` or dotted field names in stored documents (MongoDB's storage rules, so a client
 * cannot store an operator-looking object), `$` inside a field path, and — locally — operators the
 * engine does not evaluate (`$where`, `$regex`), which answer an error instead of matching nothing.
 */
import { createTarget, localOnly, test, rejectionOf, type Target } from './db-under-test'

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

const where = (q: unknown) =>
  t.db
    .collection(name)
    .where(q as Record<string, unknown>)
    .get()
const ids = async (q: unknown) => (await where(q)).data.map((d) => d._id as string).sort()

describe('operators in client JSON', () => {
  test('an operator object copied from an event into where() is executed: validate input first', async () => {
    const event = JSON.parse('{"openid":{"$ne":""}}') as Record<string, unknown>
    expect(await ids({ openid: event.openid })).toEqual(['u1', 'u2'])
    expect(await ids({ $or: [{ role: 'manager' }] })).toEqual(['u2'])
  })

  test('so is one inside an aggregate match', async () => {
    const res = await t.db
      .collection(name)
      .aggregate()
      .match({ role: { $in: ['manager'] } })
      .end()
    expect(res.list.map((d: { _id: string }) => d._id)).toEqual(['u2'])
  })

  test('a $ inside a field path is refused', async () => {
    const err = await rejectionOf(() => where({ 'openid.$ne': 'x' }))
    expect(err.errCode).toBe(-501007)
  })

  localOnly.each([
    ['$where', { $where: 'this.role == "manager"' }, 'query operator $where'],
    ['$regex', { openid: { $regex: '.*' } }, 'RegExp queries']
  ])('%s is answered "not supported" rather than matching nothing', async (_op, q, what) => {
    const err = await rejectionOf(() => where(q))
    expect(err.errMsg).toContain(`${what as string}`)
    expect(err.errMsg).toContain('is not supported by the local cloud database')
  })

  test('a string that looks like a field reference is a literal value', async () => {
    expect(await ids({ name: '$other' })).toEqual(['u1'])
    expect(await ids({ openid: '$openid' })).toEqual([])
  })

  test('an undefined id never widens a query', async () => {
    await rejectionOf(() => where({ openid: undefined }))
    expect(() => t.db.collection(name).doc(undefined as unknown as string)).toThrow()
  })
})

describe('$ and dotted keys in written data', () => {
  test('an operator nested under a field of update data is refused, nothing changes', async () => {
    const c = t.db.collection(name)
    const err = await rejectionOf(() => c.doc('u1').update({ data: { profile: { $inc: { n: 1 } } } }))
    expect(err.errCode).toBe(-501007)
    expect((await c.doc('u1').get()).data.role).toBe('staff')
  })

  test('documents may not carry $-prefixed or dotted field names', async () => {
    const c = t.db.collection(name)
    await rejectionOf(() => c.doc('u3').set({ data: { nested: { $where: 1 } } }))
    await rejectionOf(() => c.add({ data: { 'a.b': 1 } }))
    expect((await c.count()).total).toBe(2)
  })

  test('__proto__ keys from JSON input never pollute prototypes', async () => {
    const c = t.db.collection(name)
    const evil = JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Record<string, unknown>
    await c
      .doc('u1')
      .update({ data: evil })
      .catch(() => undefined)
    await where(evil).catch(() => undefined)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
