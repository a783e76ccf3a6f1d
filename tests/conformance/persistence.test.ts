/**
 * Durability of the local database file (local-only: the cloud database is durable by contract).
 * Requirement (DESIGN.md "Local cloud"): durable across restarts and kill -9 — no acknowledged
 * write may be lost.
 */
import { spawn } from 'child_process'
import { statSync, writeFileSync } from 'fs'
import { join } from 'path'
import Database from 'better-sqlite3'
import { LocalDatabase } from '../../src/localcloud/db'
import { localOnly, tempDir } from './db-under-test'

const INDEX_SPEC = {
  collections: {
    stores: { indexes: [{ name: 'loc', keys: [{ field: 'location', direction: '2dsphere' as const }] }] },
    fans: {
      indexes: [
        {
          name: 'store_created',
          keys: [
            { field: 'storeId', direction: 1 as const },
            { field: 'createdAt', direction: -1 as const }
          ]
        },
        { name: 'openid_unique', keys: [{ field: 'openid', direction: 1 as const }], unique: true }
      ]
    }
  }
}

/** Runs `fn` on a database file in a fresh temporary folder, removed afterwards. */
async function withDataFile(fn: (file: string) => Promise<void>): Promise<void> {
  const tmp = tempDir()
  try {
    await fn(join(tmp.dir, 'cloud.sqlite'))
  } finally {
    tmp.cleanup()
  }
}

localOnly('data, indexes and geo index survive close and reopen', async () => {
  await withDataFile(async (file) => {
    const first = new LocalDatabase({ file })
    first.ensureIndexes(INDEX_SPEC)
    const db1 = first.api()
    await db1.collection('fans').add({ data: { _id: 'f1', openid: 'o1', storeId: 's1', createdAt: new Date(1_700_000_000_000), tags: ['new'] } })
    await db1.collection('stores').add({ data: { _id: 'st1', location: db1.Geo.Point(113.3, 23.1) } })
    await db1.runTransaction(async (tx) => {
      await tx
        .collection('fans')
        .doc('f2')
        .set({ data: { openid: 'o2', storeId: 's1' } })
    })
    const snap = first.snapshot()
    first.close()

    const second = new LocalDatabase({ file })
    second.ensureIndexes(INDEX_SPEC) // idempotent on an existing file
    expect(second.snapshot()).toEqual(snap)
    const db2 = second.api()
    expect((await db2.collection('fans').doc('f1').get()).data).toEqual({
      _id: 'f1',
      openid: 'o1',
      storeId: 's1',
      createdAt: new Date(1_700_000_000_000),
      tags: ['new']
    })
    expect((await db2.collection('fans').where({ tags: 'new' }).get()).data.map((d) => d._id)).toEqual(['f1'])
    const near = await db2
      .collection('stores')
      .where({ location: db2.command.geoNear({ geometry: db2.Geo.Point(113.31, 23.11), maxDistance: 5000 }) })
      .get()
    expect(near.data.map((d) => d._id)).toEqual(['st1'])
    await expect(db2.collection('fans').add({ data: { openid: 'o1' } })).rejects.toMatchObject({ errCode: -501001 }) // DATABASE_DUPLICATE_WRITE
    // versions keep increasing across reopen, so conflict detection still works
    const tx = await db2.startTransaction()
    await tx.collection('fans').doc('f2').get()
    await db2
      .collection('fans')
      .doc('f2')
      .update({ data: { storeId: 's2' } })
    await expect(
      tx
        .collection('fans')
        .doc('f2')
        .update({ data: { storeId: 's3' } })
    ).rejects.toMatchObject({
      errCode: -501001,
      errMsg: expect.stringMatching(/TransactionConflict/) as unknown
    })
    second.close()
  })
})

// Folders written by earlier layouts are rebuilt on open: a geo index without per-cell counts, and
// plain indexes on json_extract expressions instead of key columns.
localOnly('indexes from an older layout are rebuilt by ensureIndexes and answer as before', async () => {
  await withDataFile(async (file) => {
    const first = new LocalDatabase({ file })
    first.ensureIndexes(INDEX_SPEC)
    const db1 = first.api()
    for (let i = 0; i < 30; i++) await db1.collection('stores').add({ data: { _id: `s${i}`, location: db1.Geo.Point(113.3 + i * 0.001, 23.1) } })
    for (let i = 0; i < 30; i++) await db1.collection('fans').add({ data: { _id: `f${i}`, openid: `o${i}`, storeId: `s${i % 3}`, createdAt: i } })
    first.close()
    const raw = new Database(file)
    // the old geo triggers kept no counts: without them here, the new ones would name a dropped table
    raw.exec(`
    DROP TRIGGER "c_stores__loc__ai"; DROP TRIGGER "c_stores__loc__au"; DROP TRIGGER "c_stores__loc__ad";
    DROP TABLE "g_stores__loc__cells";
    DROP INDEX "c_fans__store_created";
    ALTER TABLE c_fans DROP COLUMN "k:storeId";
    ALTER TABLE c_fans DROP COLUMN "k:createdAt";
    CREATE INDEX "c_fans__store_created" ON c_fans (json_extract(data,'$."storeId"') ASC, json_extract(data,'$."createdAt"') DESC);
  `)
    raw.close()

    const second = new LocalDatabase({ file })
    second.ensureIndexes(INDEX_SPEC)
    const db2 = second.api()
    await db2.collection('stores').doc('s0').remove()
    const near = await db2
      .collection('stores')
      .where({ location: db2.command.geoNear({ geometry: db2.Geo.Point(113.3, 23.1) }) })
      .limit(3)
      .get()
    expect(near.data.map((d) => d._id)).toEqual(['s1', 's2', 's3'])
    await db2
      .collection('fans')
      .doc('f4')
      .update({ data: { createdAt: 100 } })
    const q = db2.collection('fans').where({ storeId: 's1' }).orderBy('createdAt', 'desc').limit(3)
    expect((await second.wire().explain(() => q.get())).join('\n')).toMatch(/USING INDEX c_fans__store_created/)
    expect((await q.get()).data.map((d) => d._id)).toEqual(['f4', 'f28', 'f25'])
    second.close()
    const check = new Database(file)
    expect(check.prepare('SELECT sum(n) AS n FROM "g_stores__loc__cells"').get()).toEqual({ n: 29 })
    expect((check.prepare("SELECT sql FROM sqlite_master WHERE name = 'c_fans__store_created'").get() as { sql: string }).sql).not.toMatch(/json_extract/)
    check.close()
  })
})

// Versions are counted in the owning process, so two writers on one file could reuse a version and
// hide a conflict: the second open is refused, plainly, until the first closes.
localOnly('a data file is owned by one connection at a time', async () => {
  await withDataFile(async (file) => {
    const first = new LocalDatabase({ file })
    await first
      .api()
      .collection('fans')
      .add({ data: { _id: 'f1' } })
    expect(() => new LocalDatabase({ file })).toThrow(/in use by another connection or process/)
    first.close()
    const second = new LocalDatabase({ file })
    expect((await second.api().collection('fans').count()).total).toBe(1)
    second.close()
  })
})

localOnly('writes still waiting for their commit when the database closes are committed', async () => {
  await withDataFile(async (file) => {
    const first = new LocalDatabase({ file })
    const c = first.api().collection('fans')
    const pending = [c.add({ data: { _id: 'f1' } }), c.doc('f2').set({ data: { n: 2 } })]
    await new Promise((resolve) => setImmediate(resolve)) // the SDK's requests reach the database; their commit waits
    first.close()
    await expect(Promise.all(pending)).resolves.toHaveLength(2)
    const second = new LocalDatabase({ file })
    expect((await second.api().collection('fans').orderBy('_id', 'asc').get()).data).toEqual([{ _id: 'f1' }, { _id: 'f2', n: 2 }])
    second.close()
  })
})

// Reads of one event-loop turn share a read transaction; a write must end it, not nest inside it.
localOnly('a write is committed when it is acknowledged, also after reads in the same turn', async () => {
  await withDataFile(async (file) => {
    const local = new LocalDatabase({ file })
    const c = local.api().collection('fans')
    await c.add({ data: { _id: 'f0' } })
    const outside = new Database(file, { readonly: true })
    const committed = () => (outside.prepare('SELECT count(*) AS n FROM c_fans').get() as { n: number }).n
    await c.count() // a read opens the turn's read transaction
    local.bulkInsert('fans', [{ _id: 'f1' }, { _id: 'f2' }])
    expect(committed()).toBe(3)
    await new Promise((r) => setImmediate(r)) // a new turn
    const added = c.add({ data: { _id: 'f3' } }) // its group commit is due first,
    await c.doc('f0').get() // and a read in the same turn opens a read transaction before it runs
    await added
    expect(committed()).toBe(4)
    outside.close()
    local.close()
  })
})

// Without checkpoints every write stays in the -wal file, which grows without end and makes each read
// search a longer log; the local cloud checkpoints on a worker thread while it serves.
localOnly(
  'written data reaches the database file while the database is open, and the log stays bounded',
  async () => {
    await withDataFile(async (file) => {
      const local = new LocalDatabase({ file })
      const c = local.api().collection('fans')
      const size = (f: string) => {
        try {
          return statSync(f).size
        } catch {
          return 0
        }
      }
      const payload = 'x'.repeat(1000)
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
      const written = 60 * 50 * payload.length // 3 MB of documents
      for (let round = 0; round < 60; round++) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => c.add({ data: { _id: `r${round}-${i}`, payload } })))
        await sleep(10)
      }
      // checkpoints run beside the writes; give the last one a moment, with a write to ask for it
      for (let i = 0; i < 30 && size(file) < written; i++) {
        await sleep(120)
        await c.add({ data: { _id: `late-${i}` } })
      }
      expect(size(file)).toBeGreaterThanOrEqual(written) // checkpointed into the file, not only logged
      expect(size(`${file}-wal`)).toBeLessThan(written)
      local.close()
    })
  },
  30_000
)

// SQLite starts the log over only when a write begins with every frame already copied. Writes that
// never pause leave no such moment for a background checkpoint: the log grew by the size of everything
// written (487 MB in the check-in bench) until the writer took the last step of a checkpoint itself.
localOnly(
  'the log stays bounded while writes go on without a pause',
  async () => {
    await withDataFile(async (file) => {
      const local = new LocalDatabase({ file })
      const c = local.api().collection('fans')
      const payload = 'x'.repeat(2000)
      let walMax = 0
      for (let round = 0; round < 300; round++) {
        await Promise.all(Array.from({ length: 100 }, (_, i) => c.add({ data: { _id: `r${round}-${i}`, payload } })))
        walMax = Math.max(walMax, statSync(`${file}-wal`).size)
      }
      const written = 300 * 100 * payload.length // 60 MB of documents
      expect(statSync(file).size).toBeGreaterThanOrEqual(written / 2) // most of it checkpointed while writing
      expect(walMax).toBeLessThan(48 * 1024 * 1024) // three times the 16 MB at which the log starts over
      expect((await c.count()).total).toBe(30_000)
      local.close()
    })
  },
  60_000
)

// A synchronous run of writes (seeding a store, bulkInsert) gives the checkpoint worker's replies no
// turn to arrive in; the 5,000,000-event KPI bench grew the log until reopening its folder timed out.
localOnly(
  'the log stays bounded through a long synchronous run of writes',
  async () => {
    await withDataFile(async (file) => {
      const local = new LocalDatabase({ file })
      const payload = 'y'.repeat(2000)
      let walMax = 0
      for (let batch = 0; batch < 50; batch++) {
        local.bulkInsert(
          'events',
          Array.from({ length: 1000 }, (_, i) => ({ _id: `b${batch}-${i}`, payload }))
        )
        walMax = Math.max(walMax, statSync(`${file}-wal`).size)
      }
      expect(walMax).toBeLessThan(96 * 1024 * 1024) // 100 MB written; SQLite checkpoints past 64 MB
      local.close()
      const again = new LocalDatabase({ file })
      expect((await again.api().collection('events').count()).total).toBe(50_000)
      again.close()
    })
  },
  60_000
)

localOnly(
  'kill -9 of a writing process loses no acknowledged write',
  async () => {
    const tmp = tempDir()
    try {
      const file = join(tmp.dir, 'kill.sqlite')
      const script = join(tmp.dir, 'writer.ts')
      const entry = join(__dirname, '../../src/localcloud/db/index.ts')
      writeFileSync(
        script,
        `import { LocalDatabase } from ${JSON.stringify(entry)}
const db = new LocalDatabase({ file: ${JSON.stringify(file)} }).api()
// four writers at once, so that acknowledged writes include ones committed in a shared group
for (let w = 0; w < 4; w++) (async () => {
  for (let i = w; ; i += 4) {
    if (i % 10 === 9) {
      const ids = await db.runTransaction(async (tx) => {
        const a = await tx.collection('acks').add({ data: { i, tx: true } })
        const b = await tx.collection('acks').add({ data: { i, tx: true, second: true } })
        return [a._id, b._id]
      })
      process.stdout.write(ids.join('\\n') + '\\n')
    } else {
      const r = await db.collection('acks').add({ data: { i, payload: 'x'.repeat(200) } })
      process.stdout.write(r._id + '\\n')
    }
  }
})()
`
      )
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] })
      const acked: string[] = []
      let buf = ''
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`writer produced too little output: ${stderr}`)), 15_000)
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString()
          const lines = buf.split('\n')
          buf = lines.pop() ?? ''
          acked.push(...lines.filter((l) => l !== ''))
          if (acked.length >= 2000) {
            clearTimeout(timer)
            child.kill('SIGKILL')
            resolve()
          }
        })
      })
      expect(await exited).toBe('SIGKILL')

      const reopened = new LocalDatabase({ file })
      const db = reopened.api()
      const missing: string[] = []
      for (const id of acked) {
        const r = await db.collection('acks').where({ _id: id }).count()
        if (r.total !== 1) missing.push(id)
      }
      expect(missing).toEqual([])
      expect(reopened.snapshot().docs).toBeGreaterThanOrEqual(acked.length)
      reopened.close()
    } finally {
      tmp.cleanup()
    }
  },
  30_000
)
