/**
 * Transactions.
 *  - Database.startTransaction / runTransaction: "只允许进行单记录操作，不允许进行批量操作，但可以在一个事务中对多个记录进行操作"
 *    (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.startTransaction.html).
 *  - SDK runTransaction(callback, times = 3): retries the callback on DATABASE_TRANSACTION_CONFLICT,
 *    rolls back and rethrows other errors, rejects with the reason given to transaction.rollback(reason)
 *    (TencentCloudBase/tcb-js-sdk-database src/transaction/index.ts).
 *  - Conflicts: a transaction that writes a document changed since it read it fails with
 *    DATABASE_TRANSACTION_CONFLICT "[ResourceUnavailable.TransactionConflict] Transaction is conflict"
 *    (TencentCloudBase/node-sdk test/database/unit/transaction.test.ts "冲突检测", "读偏").
 */
import { createTarget, localOf, localOnly, rejectionOf, type Target } from './db-under-test'

let t: Target
beforeAll(() => {
  t = createTarget()
})
afterAll(() => t.close())

const _ = () => t.db.command
const tick = () => new Promise<void>((r) => setImmediate(r))

test('runTransaction commits every single-document operation and resolves with the callback result', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'a', amount: 100 } })
  await c.add({ data: { _id: 'gone' } })
  const result = await t.db.runTransaction(async (tx) => {
    const a = await tx.collection(name).doc('a').get()
    await tx
      .collection(name)
      .doc('a')
      .update({ data: { amount: _().inc(-10) } })
    await tx
      .collection(name)
      .doc('b')
      .set({ data: { amount: 10 } })
    await tx.collection(name).doc('gone').remove()
    const added = await tx.collection(name).add({ data: { _id: 'log1', note: 'transfer' } })
    return { before: a.data?.amount, added: added._id }
  })
  expect(result).toEqual({ before: 100, added: 'log1' })
  expect((await c.doc('a').get()).data?.amount).toBe(90)
  expect((await c.doc('b').get()).data?.amount).toBe(10)
  expect((await c.doc('log1').get()).data?.note).toBe('transfer')
  await rejectionOf(() => c.doc('gone').get())
})

test('a transaction reads its own writes; others do not see them before commit', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'x', n: 1 } })
  const tx = await t.db.startTransaction()
  await tx
    .collection(name)
    .doc('x')
    .update({ data: { n: _().inc(5) } })
  expect((await tx.collection(name).doc('x').get()).data?.n).toBe(6)
  expect((await c.doc('x').get()).data?.n).toBe(1)
  await tx.commit()
  expect((await c.doc('x').get()).data?.n).toBe(6)
})

// SDK: "rollback自定义返回 抛出" — runTransaction rejects with the reason passed to rollback()
test('transaction.rollback(reason) leaves nothing written and runTransaction rejects with reason', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'acct', amount: 5 } })
  const before = t.local ? localOf(t).snapshot() : null
  const reason = await rejectionOf(() =>
    t.db.runTransaction(async (tx) => {
      await tx
        .collection(name)
        .doc('acct')
        .update({ data: { amount: _().inc(-10) } })
      await tx.collection(name).add({ data: { _id: 'receipt' } })
      await tx.rollback({ code: 'INSUFFICIENT' })
    })
  )
  expect(reason).toEqual({ code: 'INSUFFICIENT' })
  expect((await c.doc('acct').get()).data?.amount).toBe(5)
  expect((await c.where({ _id: 'receipt' }).count()).total).toBe(0)
  if (before) expect(localOf(t).snapshot()).toEqual(before)
})

test('an exception in the callback rolls everything back and rejects with that exception', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'k', n: 0 } })
  const boom = new Error('boom')
  const err = await rejectionOf(() =>
    t.db.runTransaction(async (tx) => {
      await tx
        .collection(name)
        .doc('k')
        .update({ data: { n: 1 } })
      throw boom
    })
  )
  expect(err).toBe(boom)
  expect((await c.doc('k').get()).data?.n).toBe(0)
})

test('50 concurrent transactions incrementing one counter give the exact total', async () => {
  const name = t.name('tx')
  await t.db.collection(name).add({ data: { _id: 'counter', n: 0 } })
  await Promise.all(
    Array.from({ length: 50 }, () =>
      t.db.runTransaction(async (tx) => {
        await tick()
        await tx
          .collection(name)
          .doc('counter')
          .update({ data: { n: _().inc(1) } })
        await tick()
      })
    )
  )
  expect((await t.db.collection(name).doc('counter').get()).data?.n).toBe(50)
})

test('two workers each running 100 increment transactions lose no update (+200)', async () => {
  const name = t.name('tx')
  await t.db.collection(name).add({ data: { _id: 'day', visits: 7 } })
  const worker = async (): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      await t.db.runTransaction(async (tx) => {
        await tx
          .collection(name)
          .doc('day')
          .update({ data: { visits: _().inc(1) } })
        await tick()
      })
    }
  }
  await Promise.all([worker(), worker()])
  expect((await t.db.collection(name).doc('day').get()).data?.visits).toBe(207)
})

test('concurrent read-modify-write transactions conflict and are retried to a correct result', async () => {
  const name = t.name('tx')
  await t.db.collection(name).add({ data: { _id: 'stock', left: 10 } })
  let attempts = 0
  await Promise.all(
    Array.from({ length: 3 }, () =>
      t.db.runTransaction(async (tx) => {
        attempts++
        const { data } = await tx.collection(name).doc('stock').get()
        await tick() // let the other transactions read the same version
        await tx
          .collection(name)
          .doc('stock')
          .set({ data: { left: (data?.left as number) - 1 } })
      })
    )
  )
  expect((await t.db.collection(name).doc('stock').get()).data?.left).toBe(7)
  expect(attempts).toBeGreaterThan(3)
})

// "冲突检测" / "读偏": a transaction writing a document changed since its read is refused
test('writing a document changed since the transaction read it fails with the conflict error', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'doc', category: 'Web' } })
  const tx = await t.db.startTransaction()
  const read = await tx.collection(name).doc('doc').get()
  await c.doc('doc').update({ data: { category: 'changed outside' } })
  const err = await rejectionOf(() =>
    tx
      .collection(name)
      .doc('doc')
      .update({ data: { category: `${String(read.data?.category)}!` } })
  )
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(err.errMsg).toMatch(/TransactionConflict|TransactionBusy/)
  expect((await c.doc('doc').get()).data?.category).toBe('changed outside')
})

test('a transaction that read a counter before incrementing it is conflict-checked and retried', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'cnt', n: 0, seenBy: [] } })
  let attempt = 0
  await t.db.runTransaction(async (tx) => {
    attempt++
    const { data } = await tx.collection(name).doc('cnt').get()
    if (attempt === 1) await c.doc('cnt').update({ data: { n: _().inc(100) } }) // someone else commits in between
    await tx
      .collection(name)
      .doc('cnt')
      .update({ data: { n: _().inc(1), seenBy: _().push(data?.n) } })
  })
  expect(attempt).toBe(2)
  expect((await c.doc('cnt').get()).data).toMatchObject({ n: 101, seenBy: [100] })
})

test('runTransaction gives up after `times` retries and rejects with the conflict', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'hot', n: 0 } })
  let calls = 0
  const err = await rejectionOf(() =>
    t.db.runTransaction(async (tx) => {
      calls++
      await tx.collection(name).doc('hot').get()
      await c.doc('hot').update({ data: { n: _().inc(1) } })
      await tx
        .collection(name)
        .doc('hot')
        .update({ data: { n: 0 } })
    }, 2)
  )
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(calls).toBe(3)
})

// startTransaction doc: only single-record operations inside a transaction
test('where(), batch update/remove and aggregate are refused inside a transaction', async () => {
  const name = t.name('tx')
  await t.db.runTransaction(async (tx) => {
    const coll = tx.collection(name) as unknown as Record<string, (...a: unknown[]) => unknown>
    expect(() => coll.where({ a: 1 })).toThrow(/single-document/)
    expect(() => coll.update({ data: { a: 1 } })).toThrow(/single-document/)
    expect(() => coll.remove()).toThrow(/single-document/)
    expect(() => coll.aggregate()).toThrow(/single-document/)
  })
})

test('a missing document in a transaction: get() rejects by default, resolves data null with throwOnNotFound false', async () => {
  const name = t.name('tx')
  await rejectionOf(() => t.db.runTransaction(async (tx) => tx.collection(name).doc('none').get()))
  const t2 = createTarget({ throwOnNotFound: false })
  const got = await t2.db.runTransaction(async (tx) => (await tx.collection(name).doc('none').get()).data)
  expect(got).toBeNull()
  await t2.close()
})

test('add() of an existing _id inside a transaction fails and nothing of the transaction is applied', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'dup' } })
  const err = await rejectionOf(() =>
    t.db.runTransaction(async (tx) => {
      await tx
        .collection(name)
        .doc('other')
        .set({ data: { a: 1 } })
      await tx.collection(name).add({ data: { _id: 'dup' } })
    })
  )
  expect(err.errMsg).toMatch(/DUPLICATE|duplicate key|E11000/)
  expect((await c.count()).total).toBe(1)
})

test('startTransaction: commit applies, rollback discards, and a finished transaction cannot be used', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  const tx1 = await t.db.startTransaction()
  await tx1.collection(name).add({ data: { _id: 'kept' } })
  await tx1.commit()
  const tx2 = await t.db.startTransaction()
  await tx2.collection(name).add({ data: { _id: 'dropped' } })
  await tx2.rollback()
  expect((await c.get()).data.map((d) => d._id)).toEqual(['kept'])
  const err = await rejectionOf(() =>
    tx1
      .collection(name)
      .doc('kept')
      .set({ data: { a: 1 } })
  )
  expect(err.code).toBe('DATABASE_TRANSACTION_FAIL')
})

localOnly('a failed commit writes nothing (snapshot unchanged)', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'a', n: 1 } })
  const tx = await t.db.startTransaction()
  await tx.collection(name).doc('a').get()
  await tx
    .collection(name)
    .doc('new')
    .set({ data: { x: 1 } })
  await c.doc('a').update({ data: { n: 2 } })
  const before = localOf(t).snapshot()
  await rejectionOf(() => tx.commit())
  expect(localOf(t).snapshot()).toEqual(before)
})

test('a commit that fails after creating a new collection leaves that collection empty and usable', async () => {
  const existing = t.name('tx')
  const fresh = t.name('txnew')
  await t.db.collection(existing).add({ data: { _id: 'seed' } })
  const err = await rejectionOf(() =>
    t.db.runTransaction(async (tx) => {
      await tx.collection(fresh).add({ data: { _id: 'n1' } })
      await tx.collection(existing).add({ data: { _id: 'late' } })
      await t.db.collection(existing).add({ data: { _id: 'late' } }) // wins the race before commit
    })
  )
  expect(err.errMsg).toMatch(/DUPLICATE|duplicate key|E11000/)
  expect((await t.db.collection(fresh).get()).data).toEqual([])
  await t.db.collection(fresh).add({ data: { _id: 'n2' } })
  expect((await t.db.collection(fresh).count()).total).toBe(1)
})
