/**
 * Transactions, on the real wx-server-sdk.
 *  - Database.startTransaction / runTransaction: "只允许进行单记录操作，不允许进行批量操作，但可以在一个事务中对多个记录进行操作"
 *    (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.startTransaction.html).
 *  - Conflicts (MongoDB snapshot isolation under CloudBase): a document a transaction writes is locked
 *    until it ends; another transaction writing it (a blind _.inc included), or writing a document
 *    committed by someone else after its snapshot, fails at that write with the server's
 *    DATABASE_TRANSACTION_CONFLICT "[ResourceUnavailable.TransactionConflict] Transaction is conflict"
 *    (TencentCloudBase/node-sdk test/database/unit/transaction.test.ts "冲突检测").
 *  - What the caller sees: wx-server-sdk wraps the answer of the write into an Error with errCode
 *    -501001, errMsg `document.update:fail -501001 resource system error. <server message>` and no
 *    `code`, so @cloudbase/database's runTransaction (which retries only `error.code ===
 *    'DATABASE_TRANSACTION_CONFLICT'`) does not retry it: the callback ran once.
 */
import { createTarget, test, localOf, localOnly, rejectionOf, wireOf, type Target } from './db-under-test'

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

const CONFLICT = /^document\.(update|set|remove):fail -501001 resource system error\. .*TransactionConflict/

test('a second transaction writing a document another one holds fails with the conflict error, blind _.inc included', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'k', n: 0 } })
  const a = await t.db.startTransaction()
  await a
    .collection(name)
    .doc('k')
    .update({ data: { n: _().inc(1) } })
  const b = await t.db.startTransaction()
  const err = await rejectionOf(() =>
    b
      .collection(name)
      .doc('k')
      .update({ data: { n: _().inc(1) } })
  )
  expect(err.errCode).toBe(-501001)
  expect(err.errMsg).toMatch(CONFLICT)
  expect(err.code).toBeUndefined()
  await a.commit()
  expect((await c.doc('k').get()).data).toEqual({ _id: 'k', n: 1 })
})

test('runTransaction does not retry a conflict: the callback runs once and the caller gets -501001', async () => {
  const name = t.name('tx')
  await t.db.collection(name).add({ data: { _id: 'k', n: 0 } })
  const holder = await t.db.startTransaction()
  await holder
    .collection(name)
    .doc('k')
    .set({ data: { n: 10 } })
  let calls = 0
  const starts = t.wire?.stats().byAction['database.startTransaction'] ?? 0
  const err = await rejectionOf(() =>
    t.db.runTransaction(async (tx) => {
      calls++
      await tx
        .collection(name)
        .doc('k')
        .update({ data: { n: _().inc(1) } })
    }, 3)
  )
  expect(calls).toBe(1)
  if (t.wire) expect(t.wire.stats().byAction['database.startTransaction']).toBe(starts + 1)
  expect(err.errCode).toBe(-501001)
  expect(err.errMsg).toMatch(CONFLICT)
  await holder.commit()
  expect((await t.db.collection(name).doc('k').get()).data.n).toBe(10)
})

test('a document committed by someone else after the snapshot cannot be written: conflict', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'doc', category: 'a' } })
  const tx = await t.db.startTransaction()
  const read = await tx.collection(name).doc('doc').get()
  await c.doc('doc').update({ data: { category: 'changed outside' } })
  const err = await rejectionOf(() =>
    tx
      .collection(name)
      .doc('doc')
      .update({ data: { category: `${String(read.data.category)}!` } })
  )
  expect(err.errMsg).toMatch(CONFLICT)
  expect((await c.doc('doc').get()).data.category).toBe('changed outside')
})

test('documents only read never conflict (snapshot isolation: write-write conflicts only)', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'x', n: 1 } })
  await c.add({ data: { _id: 'y', n: 1 } })
  const a = await t.db.startTransaction()
  await a.collection(name).doc('x').get()
  await a
    .collection(name)
    .doc('y')
    .update({ data: { n: 2 } })
  const b = await t.db.startTransaction()
  await b.collection(name).doc('y').get()
  await b
    .collection(name)
    .doc('x')
    .update({ data: { n: 3 } })
  await a.commit()
  await b.commit()
  expect((await c.orderBy('_id', 'asc').get()).data).toEqual([
    { _id: 'x', n: 3 },
    { _id: 'y', n: 2 }
  ])
})

test('50 concurrent increment transactions on one counter: each lands or fails with the conflict error, no drift', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'counter', n: 0 } })
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, () =>
      t.db.runTransaction(async (tx) => {
        await tx
          .collection(name)
          .doc('counter')
          .update({ data: { n: _().inc(1) } })
      })
    )
  )
  const ok = results.filter((r) => r.status === 'fulfilled').length
  for (const r of results) if (r.status === 'rejected') expect((r.reason as { errMsg: string }).errMsg).toMatch(CONFLICT)
  if (t.wire) expect(ok).toBeLessThan(50) // the local cloud's transactions interleave: contention shows
  expect(ok).toBeGreaterThan(0)
  expect((await c.doc('counter').get()).data.n).toBe(ok)
})

test('a plain write to a document a transaction holds waits for it to end, then applies', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'k', n: 0 } })
  const tx = await t.db.startTransaction()
  await tx
    .collection(name)
    .doc('k')
    .update({ data: { n: _().inc(1) } })
  let done = false
  const plain = c
    .doc('k')
    .update({ data: { n: _().inc(10) } })
    .then(() => (done = true))
  for (let i = 0; i < 5; i++) await tick()
  expect(done).toBe(false)
  await tx.commit()
  await plain
  expect((await c.doc('k').get()).data.n).toBe(11)
})

// MongoDB WriteConflict: a document changed by a plain write after the transaction's snapshot conflicts
// when the transaction writes it. Locally a plain write is applied a moment after it is sent (grouped
// writes); from the moment it is under way it must count, or the transaction's write lands on top of it.
localOnly('a plain write under way counts as committed: the transaction then writing that document conflicts, nothing is lost', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'k', n: 0 } })
  const tx = await t.db.startTransaction()
  const seen = (await tx.collection(name).doc('k').get()).data as { n: number }
  const plain = c.doc('k').update({ data: { n: _().inc(10) } })
  const stale = await rejectionOf(() =>
    tx
      .collection(name)
      .doc('k')
      .update({ data: { n: seen.n + 1 } })
  )
  expect(stale.errMsg).toMatch(CONFLICT)
  await plain
  expect((await c.doc('k').get()).data.n).toBe(10)
})

localOnly('a transaction that conflicted is over: its earlier writes are gone and later requests are refused', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'k', n: 0 } })
  const a = await t.db.startTransaction()
  await a
    .collection(name)
    .doc('k')
    .update({ data: { n: _().inc(1) } })
  const b = await t.db.startTransaction()
  await b
    .collection(name)
    .doc('side')
    .set({ data: { by: 'b' } })
  await rejectionOf(() =>
    b
      .collection(name)
      .doc('k')
      .update({ data: { n: _().inc(1) } })
  )
  const err = await rejectionOf(() => b.commit())
  expect(JSON.stringify(err)).toMatch(/TransactionNotExist|DATABASE_TRANSACTION_FAIL/)
  await a.commit()
  expect((await c.where({ _id: 'side' }).count()).total).toBe(0)
})

localOnly('with conflicts off (setConflicts(false)) concurrent transactions all land', async () => {
  const name = t.name('tx')
  const c = t.db.collection(name)
  await c.add({ data: { _id: 'counter', n: 0 } })
  wireOf(t).setConflicts(false)
  try {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        t.db.runTransaction(async (tx) => {
          await tx
            .collection(name)
            .doc('counter')
            .update({ data: { n: _().inc(1) } })
        })
      )
    )
  } finally {
    wireOf(t).setConflicts(true)
  }
  expect((await c.doc('counter').get()).data.n).toBe(50)
})

// startTransaction doc: only single-record operations inside a transaction. The SDK builds where()
// calls on a transaction's collection anyway: get() carries the transaction and the server refuses
// it; update() and remove() do not carry it (query.js leaves transactionId out), so they run at once,
// outside the transaction, and stay even when it rolls back. A trap: never batch-write in a callback.
test('where().get() is refused inside a transaction; where().update() escapes it and is not rolled back', async () => {
  const name = t.name('tx')
  await t.db.collection(name).add({ data: { _id: 'a', a: 1 } })
  const err = await rejectionOf(() =>
    t.db.runTransaction(async (tx) => {
      const coll = tx.collection(name) as unknown as ReturnType<Target['db']['collection']>
      expect((await rejectionOf(() => coll.where({ a: 1 }).get())).errCode).toBe(-501007)
      expect((await coll.where({ a: 1 }).update({ data: { a: 2 } })).stats.updated).toBe(1)
      await tx.rollback('undo')
    })
  )
  expect(err).toBe('undo')
  expect((await t.db.collection(name).doc('a').get()).data.a).toBe(2)
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
  expect(err.errCode).toBe(-501001)
  expect(err.errMsg).toMatch(/TransactionNotExist/)
})

localOnly('a commit that fails writes nothing (snapshot unchanged), also in a collection it created', async () => {
  // with conflicts off nothing is locked, so a plain insert can take an _id the transaction adds
  const existing = t.name('tx')
  const fresh = t.name('txnew')
  const c = t.db.collection(existing)
  await c.add({ data: { _id: 'seed' } })
  wireOf(t).setConflicts(false)
  try {
    const tx = await t.db.startTransaction()
    await tx.collection(fresh).add({ data: { _id: 'n1' } })
    await tx.collection(existing).add({ data: { _id: 'late' } })
    await c.add({ data: { _id: 'late' } })
    const before = localOf(t).snapshot()
    const err = await rejectionOf(() => tx.commit())
    expect(JSON.stringify(err)).toMatch(/DUPLICATE|duplicate key|E11000/)
    expect(localOf(t).snapshot()).toEqual(before)
  } finally {
    wireOf(t).setConflicts(true)
  }
  expect((await t.db.collection(fresh).get()).data).toEqual([])
  await t.db.collection(fresh).add({ data: { _id: 'n2' } })
  expect((await t.db.collection(fresh).count()).total).toBe(1)
})
