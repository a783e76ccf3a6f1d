import { randomBytes } from 'node:crypto'
import type { Channel } from '../contract'
import { MINUTE_MS, nextScanWindow, type SuspicionReason } from '../domain/abuse-limits'
import { decideBinding, type BindingDecision } from '../domain/attribution'
import { chinaDayKey } from '../domain/china-time'
import { memberCodeFor } from '../domain/codes'
import { verifyScene } from '../domain/scene-signature'
import { db } from './_lib/cloud'
import { bumpCounter, counterReady, countersSeen, counterUpdate, createCounter, MissingCounter, shardForAttempt } from './_lib/counters'
import { readScan, type ScanSnapshot } from './_lib/checkin-read'
import { writeRepeat } from './_lib/checkin-repeat'
import { getDoc, settingsOrDefault } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { BindingEventDoc, CouponDoc, CouponTemplateDoc, FanDoc, StaffDoc, VisitDoc } from './_lib/docs'
import { AppError, conflictBackoff, isConflict, isDuplicateWrite } from './_lib/errors'
import { burstKey, recordHeldFan, suspicionOf } from './_lib/code-flags'
import { limitsOf, requireSlot } from './_lib/rate-limit'
import { isFormerFan } from './_lib/former-fans'
import { entryOf } from './_lib/group-read'
import { signingKey } from './_lib/secrets'
import { couponView, groupView, staffRef, storeView } from './_lib/views'
import { newCoupon, releaseStock, reserveStock, welcomeFor } from './_lib/welcome'

/** The rate-limit key of a code: a store's counter code serves a whole queue, a personal code one staff member's shoppers. */
const slotKey = (kind: 'staff' | 'store', id: string) => (kind === 'staff' ? `ck-staff-${id}` : `ck-store-${id}`)

type Resolved = ScanSnapshot & { store: NonNullable<ScanSnapshot['store']> }

/**
 * The code's store and staff member, with the rest of what the scan decides on read in the same request
 * (checkin-read.ts), or INVALID_CODE for anything forged, revoked or unknown: a forged code costs no read.
 */
async function resolveCode(scene: string, openid: string, dayKey: string): Promise<Resolved> {
  const parts = verifyScene(signingKey(), scene)
  if (!parts) throw new AppError('INVALID_CODE')
  const read = await readScan(
    parts,
    openid,
    dayKey,
    parts.kind === 'staff' ? [slotKey(parts.kind, parts.id), burstKey(parts.id)] : [slotKey(parts.kind, parts.id)]
  )
  const { staff, store } = read
  if (parts.kind === 'staff' && (!staff || !staff.active || staff.codeVersion !== parts.version)) throw new AppError('INVALID_CODE')
  if (!store || !store.active || (!staff && store.codeVersion !== parts.version)) throw new AppError('INVALID_CODE')
  return { ...read, store }
}

/** The stores this fan visited on `dayKey` after this scan, or null when this store was already among them. */
function nextVisitedDay(prev: FanDoc['visitedDay'], dayKey: string, storeId: string): FanDoc['visitedDay'] | null {
  const today = prev?.dayKey === dayKey ? prev.storeIds : []
  return today.includes(storeId) ? null : { dayKey, storeIds: [...today, storeId] }
}

/** Attempts of the check-in transaction before BUSY; with conflictBackoff() between them. */
const CHECKIN_ATTEMPTS = 8

interface Outcome {
  isNew: boolean
  fan: FanDoc
  decision: BindingDecision
  coupon: CouponDoc | null
}

export const main = defineFunction(
  'checkin',
  async ({ scene, via, device }, caller) => {
    const now = Date.now()
    const dayKey = chinaDayKey(now)
    const read = await resolveCode(scene, caller.openid, dayKey)
    countersSeen(dayKey, read.counterIds)
    const { store, staff } = read
    const settings = settingsOrDefault(read.settings)
    const limits = limitsOf(settings)
    const channel: Channel = via === 'share' ? 'shared_card' : staff ? 'staff_code' : 'store_code'
    const selfScan = staff !== null && staff.openid === caller.openid
    const servingId = selfScan ? null : (staff?._id ?? null)
    // A new fan through a staff code that looks manufactured is held: the store owns them and the manager
    // is shown a flag, instead of the staff member being credited silently. Decided once across retries.
    let suspicion: Promise<SuspicionReason[]> | undefined
    const suspicious = () => (suspicion ??= staff && !selfScan ? suspicionOf(staff, device, limits, now, read.rateRows) : Promise.resolve([]))
    // Someone not yet a fan, on a staff code, is counted in the code's burst windows beside the code's own
    // slot, so a first visit waits for one commit fewer. The transaction below still decides who is new;
    // a refused scan, or a concurrent first scan of the same shopper, counts too (see suspicionOf).
    // The scan's one read says whether the shopper is a fan yet (a hint: the transaction decides).
    const early = staff && !selfScan && !read.fan ? suspicious() : null
    // Per code: a store's counter code serves a whole queue, a personal code one staff member's shoppers.
    const slot = staff
      ? // the code's burst rows (code-flags.ts) are swept with its own: one request fewer on a burst row's first slot
        requireSlot(
          slotKey('staff', staff._id),
          limits.checkinsPerStaffCodePerMinute,
          MINUTE_MS,
          now,
          '这个导购码扫码太频繁，请稍后再试',
          [slotKey('staff', staff._id), burstKey(staff._id)],
          read.rateRows
        )
      : requireSlot(
          slotKey('store', store._id),
          limits.checkinsPerStoreCodePerMinute,
          MINUTE_MS,
          now,
          '门店码扫码的人太多，请稍后再试',
          undefined,
          read.rateRows
        )
    // settled both before answering, so no write is left running; a failed count is thrown where it is used
    const [granted] = await Promise.allSettled([slot, early])
    if (granted.status === 'rejected') throw granted.reason
    /** The same store again today with no binding change: only the fan's record changes (checkin-repeat.ts). */
    const plainRepeat = async (seen: FanDoc): Promise<Outcome | null> => {
      if (nextVisitedDay(seen.visitedDay, dayKey, store._id)) return null
      // refused on what the read saw: a window's count only grows, so one full then is full now
      const scanWindow = nextScanWindow(seen.scanWindow, now, limits.checkinsPerShopperPerMinute)
      if (!scanWindow) throw new AppError('RATE_LIMITED', '签到太频繁了，请稍后再试')
      const decision = decideBinding(seen, { staffId: staff?._id ?? null, selfScan, at: now }, settings.policy)
      if (decision.changes.length > 0 || decision.capturingStaffId !== seen.capturingStaffId || decision.ownerStaffId !== seen.ownerStaffId) return null
      const changes = { scanWindow, lastVisitAt: now, lastStoreId: store._id, boundAt: decision.boundAt }
      return (await writeRepeat(seen, changes)) ? { isNew: false, fan: { ...seen, ...changes }, decision, coupon: null } : null
    }
    let outcome = read.fan ? await plainRepeat(read.fan) : null
    if (!outcome) await counterReady({ dayKey, storeId: store._id, staffId: servingId })
    // The read's answer, unless the fan record it saw is gone by now (erased meanwhile: the erase remembers
    // them before removing the record, so ask again).
    let former: Promise<boolean> | undefined
    const formerFan = () => (read.fan ? (former ??= isFormerFan(caller.openid)) : Promise.resolve(read.former))
    // The welcome template and its stock are looked at only when the transaction finds a first visit,
    // and at most once across retries.
    const freshSeed = `returning:${randomBytes(12).toString('hex')}`
    let template: CouponTemplateDoc | null | undefined
    let reserved = false
    const reserveWelcome = async (): Promise<CouponTemplateDoc | null> => {
      if (template === undefined) {
        template = welcomeFor(read.welcome, store._id)
        reserved = template ? await reserveStock(template) : false
      }
      return template && reserved ? template : null
    }

    // One transaction: fan, visit, binding events, welcome coupon and counters commit together or not at all.
    // A shopper the scan's read found no fan record for is added without reading again inside: should the
    // record appear meanwhile (a concurrent first scan), the add clashes on its _id and the retry reads it.
    const attempt = (shard: number, presumedNew: boolean) =>
      db.runTransaction(async (tx): Promise<Outcome> => {
        const fans = tx.collection('fans')
        const existing = presumedNew
          ? null
          : await fans
              .doc(caller.openid)
              .get()
              .then(
                (r) => r.data as FanDoc,
                () => null
              )
        // Per shopper: kept on the fan record the transaction reads anyway, so the limit costs no extra query.
        const scanWindow = nextScanWindow(existing?.scanWindow, now, limits.checkinsPerShopperPerMinute)
        if (!scanWindow) throw new AppError('RATE_LIMITED', '签到太频繁了，请稍后再试')
        // Someone who deleted their data and scans again: no second welcome gift, no second "new fan", and
        // fresh codes (nothing derived from the openid comes back).
        const again = !existing && (await formerFan())
        const [reasons, welcome] = existing ? [[], null] : await Promise.all([suspicious(), again ? null : reserveWelcome()])
        const held = reasons.length > 0
        // A visit is a fan at a store on a China day: reloads and repeat scans that day count once.
        const visitedDay = nextVisitedDay(existing?.visitedDay, dayKey, store._id)
        const newVisit = visitedDay !== null
        const decision = decideBinding(existing, { staffId: held ? null : (staff?._id ?? null), selfScan, at: now }, settings.policy)
        const serving = held ? null : servingId
        const fan: FanDoc = {
          ...(existing ?? {
            _id: caller.openid,
            memberCode: again ? memberCodeFor(freshSeed) : memberCodeFor(caller.openid),
            ...(again ? { returning: true, codeSeed: freshSeed } : {}),
            firstStoreId: store._id,
            channel,
            createdAt: now,
            visits: 0
          }),
          ...(held && staff ? { heldForStaffId: staff._id } : {}),
          scanWindow,
          lastStoreId: store._id,
          capturingStaffId: decision.capturingStaffId,
          ownerStaffId: decision.ownerStaffId,
          boundAt: decision.boundAt,
          ...(visitedDay ? { visitedDay } : {}),
          lastVisitAt: now,
          visits: (existing?.visits ?? 0) + (newVisit ? 1 : 0)
        }
        if (existing) {
          const { _id, ...changes } = fan
          await fans.doc(caller.openid).update({ data: changes })
        } else {
          await fans.add({ data: fan })
        }
        const visit: VisitDoc = { fanId: fan._id, storeId: store._id, servingStaffId: serving, ownerStaffId: fan.ownerStaffId, channel, at: now, dayKey }
        if (newVisit) await tx.collection('visits').add({ data: visit })
        // A held fan's binding event says why the code's staff member was not credited, for any dispute.
        const changes = held && staff ? [...decision.changes, { from: null, to: null, reason: `held:${reasons.join('+')}` }] : decision.changes
        for (const change of changes) {
          const event: BindingEventDoc = { fanId: fan._id, storeId: store._id, ...change, by: caller.openid, at: now }
          await tx.collection('bindingEvents').add({ data: event })
        }
        const coupon = welcome ? newCoupon(welcome, fan._id, 'welcome', { at: now, storeId: store._id, ownerStaffId: fan.ownerStaffId, by: 'checkin' }) : null
        if (coupon) await tx.collection('coupons').add({ data: coupon })
        const bump = counterUpdate({ newFans: existing || again ? 0 : 1, visits: newVisit ? 1 : 0, couponsIssued: coupon ? 1 : 0, channel })
        // a held fan's first visit is the store's
        await bumpCounter(tx, { dayKey, storeId: store._id, staffId: held ? null : servingId }, bump, shard)
        if (held && staff) await recordHeldFan(tx, staff, fan._id, reasons, dayKey, now)
        return { isNew: !existing, fan, decision, coupon }
      })

    try {
      // A concurrent first scan by the same shopper makes our fan add clash; the retry sees the fan and is a return
      // visit. Many new fans through one code at once contend for its counter row: each loser waits a jittered,
      // growing moment and runs again, a bounded number of times, then answers BUSY ("try again"), never INTERNAL.
      // The first attempt bumps the counter row itself, a retry after a conflict another shard of it; a shard
      // met missing (the first event of its day) is created and the attempt runs again, not counted.
      for (let i = 0, created = 0, shard = 0; i < CHECKIN_ATTEMPTS && !outcome; i++) {
        try {
          outcome = await attempt(shard, i === 0 && !read.fan)
        } catch (err) {
          if (err instanceof MissingCounter && created++ < 16) {
            await createCounter(err)
            i--
            continue
          }
          if (!(isDuplicateWrite(err) || isConflict(err))) throw err
          if (i < CHECKIN_ATTEMPTS - 1) await conflictBackoff(i)
          if (isConflict(err)) shard = shardForAttempt(i + 1)
        }
      }
    } finally {
      if (reserved && template && !outcome?.coupon) await releaseStock(template)
    }
    if (!outcome) throw new AppError('BUSY')

    const ownerId = outcome.fan.ownerStaffId
    const [owner, group] = await Promise.all([
      ownerId === staff?._id ? staff : ownerId === read.owner?._id ? read.owner : ownerId ? getDoc<StaffDoc>('staff', ownerId) : null,
      // the same code the "join our group" page shows: one rotation rule for both
      entryOf(read.groups, now)
    ])
    return {
      isNewFan: outcome.isNew,
      store: storeView(store),
      servingStaff: staffRef(selfScan ? null : staff),
      ownerStaff: staffRef(owner),
      bindingChanged: outcome.decision.changes.length > 0,
      channel,
      visitCount: outcome.fan.visits,
      couponsIssued: outcome.coupon ? [couponView(outcome.coupon, now)] : [],
      group: group ? groupView(group) : null
    }
  },
  { role: 'shopper' }
)
