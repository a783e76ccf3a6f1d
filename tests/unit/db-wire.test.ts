/**
 * The seam and the database wire as the local cloud uses them: the real SDK's requests are counted per
 * invocation (through an AsyncLocalStorage read in the counter), and once the seam is installed no
 * database request of the SDK can reach the network path.
 */
import { AsyncLocalStorage } from 'async_hooks'
import type cloudSdk from 'wx-server-sdk'
import { LocalDatabase, createDatabaseWire } from '../../src/localcloud/db'
import { installDatabaseWire } from '../../src/localcloud/wire/db-seam'

const sdk = () => require('wx-server-sdk/index.js') as typeof cloudSdk

test('requests are counted per invocation, concurrent invocations apart', async () => {
  const local = new LocalDatabase({ file: ':memory:' })
  const invocation = new AsyncLocalStorage<{ requests: number }>()
  const wire = createDatabaseWire(local, { counter: { onRequest: () => invocation.getStore() && invocation.getStore()!.requests++ } })
  const remove = installDatabaseWire(wire.send, { env: 'wire-test-env' })
  const cloud = sdk()
  try {
    cloud.database({ env: 'wire-test-env' })
  } catch {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  }
  const db = cloud.database({ env: 'wire-test-env' })
  const run = (n: number) =>
    invocation.run({ requests: 0 }, async () => {
      for (let i = 0; i < n; i++) await db.collection('c').add({ data: { i } })
      await db.collection('c').count()
      return invocation.getStore()!.requests
    })
  const before = wire.stats().requests
  expect(await Promise.all([run(3), run(7)])).toEqual([4, 8])
  expect(wire.stats().requests - before).toBe(12)
  expect(wire.stats().byAction['database.insertDocument']).toBe(10)
  remove()
  local.close()
})

test('a request for an env no local database serves is answered with an error, never sent', async () => {
  const local = new LocalDatabase({ file: ':memory:' })
  local.api() // installs the seam
  const err = (await sdk()
    .database({ env: 'nobody-serves-this-env' })
    .collection('c')
    .get()
    .catch((e: unknown) => e)) as { errCode: number; errMsg: string }
  expect(err.errCode).toBe(-501001)
  expect(err.errMsg).toContain('no local database serves env nobody-serves-this-env')
  local.close()
})
