import type { DeleteOutcome } from '../../contract/privacy'
import { db } from './cloud'
import { getDoc } from './data'
import type { GroupMemberDoc } from './group-docs'
import { rememberFormerFan } from './former-fans'
import { rekeyCoupon, rekeyGroupMember, unflag } from './privacy-rekey'
import { claimTombstone, freshTombstone, retireFan, type ErasingFan } from './privacy-tombstone'

/** Work per batch: a get() returns at most 100 anyway, and each coupon is its own transaction. */
const BATCH = 20
/** After this long no new batch starts and the answer is complete: false (functions time out at 5 s). */
export const ERASE_BUDGET_MS = 3000

interface Run {
  now: number
  deadline: number
}
interface Step {
  kind: 'anonymised' | 'removed' | 'internal'
  /** one batch; answers how many records it changed, 0 once nothing of the caller's is left for it */
  batch(openid: string, tombstone: string, run: Run): Promise<number>
}

const page = async (collection: string, openid: string) => (await db.collection(collection).where({ fanId: openid }).limit(BATCH).get()).data
const reown = (collection: string): Step => ({
  kind: 'anonymised',
  batch: async (openid, tombstone) =>
    (
      await db
        .collection(collection)
        .where({ fanId: openid })
        .update({ data: { fanId: tombstone } })
    ).stats.updated
})
const drop = (collection: string, where: (openid: string) => Record<string, unknown>): Step => ({
  kind: 'removed',
  batch: async (openid) => (await db.collection(collection).where(where(openid)).remove()).stats.removed
})
/**
 * One at a time: each is a small transaction, and the cloud caps database operations per second. Past
 * the deadline no further one starts (after at least one, so every call makes progress).
 */
async function eachInTurn<T>(items: T[], run: Run, move: (x: T) => Promise<boolean>): Promise<number> {
  let n = 0
  for (const x of items) {
    if (n > 0 && Date.now() > run.deadline) break
    if (await move(x)) n++
  }
  return n
}

/**
 * In this order: records whose ids contain the openid are moved first (coupons with their redemptions
 * and sales, group memberships), then the others are re-owned in place, then what only serves the person
 * is deleted, and the fan record goes last. Every step selects by the openid, so a re-run simply finds
 * what is left; between steps the counters may briefly recount differently, at the end they are equal.
 */
const STEPS: Step[] = [
  { kind: 'anonymised', batch: async (o, t, run) => eachInTurn(await page('coupons', o), run, (c) => rekeyCoupon(String(c._id), t, run.now)) },
  { kind: 'anonymised', batch: async (o, t, run) => eachInTurn(await page('groupMembers', o), run, (m) => rekeyGroupMember(m as GroupMemberDoc, t)) },
  // a check-in's binding event names the shopper as the one who did it
  {
    kind: 'internal',
    batch: async (o, t) =>
      (
        await db
          .collection('bindingEvents')
          .where({ fanId: o, by: o })
          .update({ data: { by: t } })
      ).stats.updated
  },
  reown('bindingEvents'),
  reown('visits'),
  reown('sales'), // staff and POS sales; coupon sales moved with their coupon
  reown('redemptions'), // none normally: they move with their coupon
  // the purchase summary only serves win-back (which would otherwise remind a tombstone) and first-vs-repeat of new sales
  drop('fanPurchases', (o) => ({ _id: o })),
  drop('subscriptions', (o) => ({ _id: `${o}.winBack` })),
  drop('fanPhones', (o) => ({ fanId: o })),
  drop('couponHolds', (o) => ({ fanId: o })),
  drop('groupSightings', (o) => ({ fanId: o })),
  // the customer book: notes are about the person and go; a follow-up stays in the staff member's figures, without its note
  drop('fanNotes', (o) => ({ fanId: o })),
  {
    kind: 'anonymised',
    batch: async (o, t) =>
      (
        await db
          .collection('followUps')
          .where({ fanId: o })
          .update({ data: { fanId: t, note: '' } })
      ).stats.updated
  },
  { kind: 'internal', batch: async (o) => unflag(o, BATCH) },
  // remembered as a keyed hash before the record goes, so a re-run after a crash still remembers
  {
    kind: 'internal',
    batch: async (o) => {
      if (await getDoc('fans', o)) await rememberFormerFan(o)
      return 0
    }
  },
  { kind: 'removed', batch: async (o, t) => retireFan(o, t) }
]

/**
 * Decisions, in one place:
 * - Events the counters are recounted from stay, under one random tombstone id (src/domain/privacy.ts),
 *   so rebuildCounters finds the same figures afterwards; a tombstone fan record stands in for the first
 *   visit (newFans / byChannel are recounted from fans). It has no owner: no staff list or count shows it.
 * - Unused coupons are voided, not deleted, and their stock is not given back (see erasedCoupon).
 * - Only a keyed hash of the openid is kept (formerFans): one who scans again gets a new fan record with
 *   fresh codes, but no second welcome gift and no second "new fan" in the figures (#18.2). They forfeit
 *   every unused coupon.
 * - A check-in that commits while a deletion runs can leave a fresh record behind: the next call takes it.
 *
 * Deletes or anonymises everything keyed by this openid (never a staff record: an employee who is also
 * a shopper loses only their shopping). Runs in batches until done or past the deadline (then complete:
 * false and the caller asks again); safe to repeat, and once nothing is left it answers deleted: false.
 */
export async function eraseMyData(openid: string, opts: Run): Promise<DeleteOutcome> {
  const tombstone = (await getDoc<ErasingFan>('fans', openid)) ? await claimTombstone(openid) : freshTombstone()
  const tally = { anonymised: 0, removed: 0, internal: 0 }
  let complete = true
  outer: for (const step of STEPS) {
    for (;;) {
      const n = await step.batch(openid, tombstone, opts)
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
