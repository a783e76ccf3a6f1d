/**
 * Writes issued at the same moment by different callers (many function invocations at once). Each
 * API call is its own atomic operation: one caller's failure neither undoes nor blocks another's, and
 * a transaction lands whole or not at all. WeChat docs: reference-sdk-api/database/Database.runTransaction
 * ("事务…要么全部成功，要么全部失败"), Collection.add (an _id that exists is refused).
 * The local cloud commits such writes in groups; these hold whatever the grouping.
 */
import { createTarget, test, type Target } from './db-under-test'

let t: Target
beforeAll(() => {
  t = createTarget()
})
afterAll(() => t.close())

const settledAs = (r: PromiseSettledResult<unknown>) => r.status

test('writes issued together each succeed or fail on their own', async () => {
  const c = t.db.collection(t.name('together'))
  await c.add({ data: { _id: 'taken', n: 0 } })
  const results = await Promise.allSettled([
    c.add({ data: { _id: 'a', n: 1 } }),
    c.add({ data: { _id: 'taken', n: 99 } }),
    c.doc('b').set({ data: { n: 2 } }),
    c.doc('taken').update({ data: { n: t.db.command.inc(1) } }),
    c.add({ data: { _id: 'a', n: 3 } })
  ])
  expect(results.map(settledAs)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected'])
  expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ errCode: -501001 }) // DATABASE_DUPLICATE_WRITE
  const docs = (await c.orderBy('_id', 'asc').get()).data
  expect(docs).toEqual([
    { _id: 'a', n: 1 },
    { _id: 'b', n: 2 },
    { _id: 'taken', n: 1 }
  ])
})

test('a transaction that loses a race for an _id leaves none of its writes, and the winner stands', async () => {
  const name = t.name('race')
  const c = t.db.collection(name)
  const tx = await t.db.startTransaction()
  await tx
    .collection(name)
    .doc('side')
    .set({ data: { by: 'tx' } })
  await tx.collection(name).add({ data: { _id: 'prize', by: 'tx' } })
  // the same _id from outside, issued in the same moment as the commit
  const [outside, commit] = await Promise.allSettled([c.add({ data: { _id: 'prize', by: 'outside' } }), tx.commit()])
  expect([settledAs(outside), settledAs(commit)].sort()).toEqual(['fulfilled', 'rejected'])
  const prize = (await c.doc('prize').get()).data as { by: string }
  const side = (await c.where({ _id: 'side' }).get()).data
  if (commit.status === 'fulfilled') {
    expect(prize.by).toBe('tx')
    expect(side).toEqual([{ _id: 'side', by: 'tx' }])
  } else {
    expect(prize.by).toBe('outside')
    expect(side).toEqual([])
  }
})

// Plain increments never conflict (a write outside transactions waits for a transaction's lock);
// increments in transactions contend: each lands or fails with the conflict error, none is lost.
test('concurrent increments of one counter: every plain one and every committed transactional one is counted', async () => {
  const name = t.name('counter')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'k', n: 0 } })
  const _ = t.db.command
  const results = await Promise.allSettled([
    ...Array.from({ length: 40 }, () => c.doc('k').update({ data: { n: _.inc(1) } })),
    ...Array.from({ length: 40 }, () =>
      t.db.runTransaction(async (tx) => {
        await tx
          .collection(name)
          .doc('k')
          .update({ data: { n: _.inc(1) } })
      })
    )
  ])
  expect(results.slice(0, 40).every((r) => r.status === 'fulfilled')).toBe(true)
  const committed = results.slice(40).filter((r) => r.status === 'fulfilled').length
  for (const r of results.slice(40)) if (r.status === 'rejected') expect((r.reason as { errMsg: string }).errMsg).toMatch(/TransactionConflict/)
  expect((await c.doc('k').get()).data).toEqual({ _id: 'k', n: 40 + committed })
})
