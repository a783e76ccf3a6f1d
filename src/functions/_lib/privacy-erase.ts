import { randomBytes } from 'node:crypto'
import type { DeleteOutcome } from '../../contract/privacy'
import { tombstoneFan, tombstoneId } from '../../domain/privacy'
import { db, _ } from './cloud'
import { untilSettled } from './coupons'
import { getDoc } from './data'
import type { FanDoc } from './docs'
import type { GroupMemberDoc } from './group-docs'
import { rekeyCoupon, rekeyGroupMember } from './privacy-rekey'

/** Work per batch: a get() returns at most 100 anyway, and each coupon is its own transaction. */
const BATCH = 20
/** After this long no new batch starts and the answer is complete: false (functions time out at 5 s). */
export const ERASE_BUDGET_MS = 3000
/** The codes-abuse journey's held-fan flags list fan ids (codeFlags.fanIds). */
const CODE_FLAGS = 'codeFlags'

type ErasingFan = FanDoc & { erasingAs?: string }
const missing = () => null
const freshTombstone = () => tombstoneId(randomBytes(12).toString('hex'))

/**
 * The tombstone id of this erasure, written on the fan record first and read back by any re-run, so
 * that a deletion that stopped halfway (time budget, crash) finishes under the same id: the records it
 * already moved and the ones it moves now stay one anonymous history (the repurchase count needs that).
 * The fan record itself goes last, with the tombstone taking its place in one transaction.
 */
async function claimTombstone(openid: string): Promise<string> {
  const fresh = freshTombstone()
  return untilSettled(() =>
    db.runTransaction(async (tx) => {
      const fan = await tx.collection('fans').doc(openid).get().then((r) => r.data as ErasingFan, missing)
      if (!fan) return fresh
      if (fan.erasingAs) return fan.erasingAs
      await tx.collection('fans').doc(openid).update({ data: { erasingAs: fresh } })
      return fresh
    })
  )
}

async function retireFan(openid: string, tombstone: string): Promise<number> {
  if (!(await getDoc<ErasingFan>('fans', openid))) return 0
  return untilSettled(() =>
    db.runTransaction(async (tx) => {
      const fan = await tx.collection('fans').doc(openid).get().then((r) => r.data as ErasingFan, missing)
      if (!fan) return 0
      await tx.collection('fans').add({ data: tombstoneFan({ ...fan, _id: openid }, tombstone) })
      await tx.collection('fans').doc(openid).remove()
      return 1
    })
  )
}

interface Step {
  kind: 'anonymised' | 'removed' | 'internal'
  /** one batch; answers how many records it changed, 0 once nothing of the caller's is left for it */
  batch(openid: string, tombstone: string, now: number): Promise<number>
}

const page = async (collection: string, openid: string) => (await db.collection(collection).where({ fanId: openid }).limit(BATCH).get()).data
const reown = (collection: string): Step => ({
  kind: 'anonymised',
  batch: async (openid, tombstone) => (await db.collection(collection).where({ fanId: openid }).update({ data: { fanId: tombstone } })).stats.updated
})
const drop = (collection: string, where: (openid: string) => Record<string, unknown>): Step => ({
  kind: 'removed',
  batch: async (openid) => (await db.collection(collection).where(where(openid)).remove()).stats.removed
})
/** One at a time: each is a small transaction, and the cloud caps database operations per second. */
async function eachInTurn<T>(items: T[], move: (x: T) => Promise<boolean>): Promise<number> {
  let n = 0
  for (const x of items) if (await move(x)) n++
  return n
}

/**
 * In this order: records whose ids contain the openid are moved first (coupons with their redemptions
 * and sales, group memberships), then the others are re-owned in place, then what only serves the person
 * is deleted, and the fan record goes last. Every step selects by the openid, so a re-run simply finds
 * what is left; between steps the counters may briefly recount differently, at the end they are equal.
 */
const STEPS: Step[] = [
  { kind: 'anonymised', batch: async (o, t, now) => eachInTurn(await page('coupons', o), (c) => rekeyCoupon(String(c._id), t, now)) },
  { kind: 'anonymised', batch: async (o, t) => eachInTurn(await page('groupMembers', o), (m) => rekeyGroupMember(m as GroupMemberDoc, t)) },
  // a check-in's binding event names the shopper as the one who did it
  { kind: 'internal', batch: async (o, t) => (await db.collection('bindingEvents').where({ fanId: o, by: o }).update({ data: { by: t } })).stats.updated },
  reown('bindingEvents'),
  reown('visits'),
  reown('sales'), // staff and POS sales; coupon sales moved with their coupon
  reown('redemptions'), // none normally: they move with their coupon
  // the purchase summary only serves win-back (which would otherwise remind a tombstone) and first-vs-repeat of new sales
  drop('fanPurchases', (o) => ({ _id: o })),
  drop('subscriptions', (o) => ({ _id: `${o}.winBack` })),
  drop('fanPhones', (o) => ({ fanId: o })),
  drop('groupSightings', (o) => ({ fanId: o })),
  { kind: 'internal', batch: async (o) => unflag(o) },
  { kind: 'removed', batch: async (o, t) => retireFan(o, t) }
]

/** A held fan who leaves is no longer anyone's to approve: out of the flag's list (its `held` count stays). */
async function unflag(openid: string): Promise<number> {
  const flags = (await db.collection(CODE_FLAGS).where({ fanIds: openid }).limit(BATCH).get()).data
  for (const f of flags) {
    await untilSettled(() =>
      db.runTransaction(async (tx) => {
        const current = await tx.collection(CODE_FLAGS).doc(String(f._id)).get().then((r) => r.data as { fanIds?: string[] }, missing)
        if (current?.fanIds) await tx.collection(CODE_FLAGS).doc(String(f._id)).update({ data: { fanIds: _.set(current.fanIds.filter((id) => id !== openid)) } })
      })
    )
  }
  return flags.length
}

/**
 * Deletes or anonymises everything keyed by this openid (never a staff record: an employee who is also
 * a shopper loses only their shopping). Runs in batches until done or past the deadline (then complete:
 * false and the caller asks again); safe to repeat, and once nothing is left it answers deleted: false.
 */
export async function eraseMyData(openid: string, opts: { now: number; deadline: number }): Promise<DeleteOutcome> {
  const tombstone = (await getDoc<ErasingFan>('fans', openid)) ? await claimTombstone(openid) : freshTombstone()
  const tally = { anonymised: 0, removed: 0, internal: 0 }
  let complete = true
  outer: for (const step of STEPS) {
    for (;;) {
      const n = await step.batch(openid, tombstone, opts.now)
      tally[step.kind] += n
      if (n === 0) break
      if (Date.now() > opts.deadline) {
        complete = false
        break outer
      }
    }
  }
  const deleted = tally.anonymised + tally.removed + tally.internal > 0
  return { deleted, complete, anonymised: tally.anonymised, removed: tally.removed }
}
