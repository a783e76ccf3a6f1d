import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { signScene } from '../../src/domain/scene-signature'
import { LocalDatabase } from '../../src/localcloud/db'
import { spawnCloud } from '../support/spawn-cloud'
import { recordResult } from './results'

/**
 * Start the local cloud, drive concurrent check-ins, SIGKILL it mid-load, restart on the same data folder;
 * three times. Then every check-in that was answered ok is there exactly once, nothing is half-written
 * (a fan without its visit or the reverse), and the daily counters equal the events.
 */
const KEY = 'crash-test-signing-key-0123456789'
const ROUNDS = 3
const IN_FLIGHT = 40

async function loadThenKill(dataDir: string, round: number, acknowledged: Set<string>): Promise<number> {
  const cloud = await spawnCloud({ dataDir, env: { FANLOOP_SIGNING_KEY: KEY } })
  const scenes = [signScene(KEY, 'staff', 'sf01', 1), signScene(KEY, 'staff', 'sf04', 1), signScene(KEY, 'store', 'st03', 1)]
  let sent = 0
  let killed = false
  const client = async () => {
    while (!killed) {
      const openid = `crash-${round}-${sent++}`
      try {
        const r = (await cloud.call('checkin', { scene: scenes[sent % 3] }, openid)) as { ok: boolean }
        if (r.ok) acknowledged.add(openid)
      } catch {
        // the connection died with the process: not acknowledged
      }
    }
  }
  const clients = Array.from({ length: IN_FLIGHT }, client)
  await new Promise((r) => setTimeout(r, 700 + round * 150))
  await cloud.stop('SIGKILL')
  killed = true
  await Promise.all(clients)
  return sent
}

it(`loses and duplicates nothing acknowledged across ${ROUNDS} SIGKILLs, and counters equal events`, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-crash-'))
  const acknowledged = new Set<string>()
  let sent = 0
  for (let round = 0; round < ROUNDS; round++) sent += await loadThenKill(dataDir, round, acknowledged)

  const local = new LocalDatabase({ file: path.join(dataDir, 'cloud.sqlite') })
  const db = local.api()
  const $ = db.command.aggregate
  const fansOf = new Map<string, number>()
  const visitsOf = new Map<string, number>()
  for (const [coll, into] of [['fans', fansOf], ['visits', visitsOf]] as const) {
    for (let skip = 0; ; skip += 1000) {
      const page = (await db.collection(coll).where({}).skip(skip).limit(1000).get()).data as Array<{ _id: string; fanId?: string }>
      for (const d of page) {
        const id = coll === 'fans' ? d._id : (d.fanId as string)
        if (id.startsWith('crash-')) into.set(id, (into.get(id) ?? 0) + 1)
      }
      if (page.length < 1000) break
    }
  }
  const lost = [...acknowledged].filter((id) => !fansOf.has(id) || !visitsOf.has(id)).length
  const duplicated = [...fansOf.keys()].filter((id) => (fansOf.get(id) ?? 0) > 1 || (visitsOf.get(id) ?? 0) > 1).length
  const halfWritten = [...new Set([...fansOf.keys(), ...visitsOf.keys()])].filter((id) => fansOf.has(id) !== visitsOf.has(id)).length
  const [sums] = (await db.collection('counters').aggregate().group({ _id: null, newFans: $.sum('$newFans'), visits: $.sum('$visits') }).end()).list as Array<{ newFans: number; visits: number }>
  const fans = (await db.collection('fans').count()).total
  const visits = (await db.collection('visits').count()).total
  const drift = Math.abs(sums.newFans - fans) + Math.abs(sums.visits - visits)
  local.close()
  fs.rmSync(dataDir, { recursive: true, force: true })

  recordResult('crash', `RESULT crash acknowledged=${acknowledged.size} lost=${lost} duplicated=${duplicated} drift=${drift}`)
  console.log(`crash test: ${sent} sent, ${acknowledged.size} acknowledged over ${ROUNDS} kills; lost ${lost}, duplicated ${duplicated}, half-written ${halfWritten}, drift ${drift}`)
  expect(acknowledged.size).toBeGreaterThan(ROUNDS * 50)
  expect({ lost, duplicated, halfWritten, drift }).toEqual({ lost: 0, duplicated: 0, halfWritten: 0, drift: 0 })
})
