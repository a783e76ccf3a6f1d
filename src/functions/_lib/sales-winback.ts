import { randomBytes } from 'node:crypto'
import { chinaDayKey, DAY_MS } from '../../domain/china-time'
import { cloud, db, _ } from './cloud'
import { issueFromTemplate } from './coupons-issue'
import { getDoc } from './data'
import type { CouponTemplateDoc, FanDoc } from './docs'
import { AppError } from './errors'
import { DEFAULT_LAPSE_DAYS, type PurchaseSummaryDoc, type WinBackRunDoc, type WinBackSettingsDoc } from './sales-docs'

const PAGE = 100
const WINBACK_CURSOR = 'winBackCursor'
/** Time a run may spend before it stops and saves its place (the function's timeout is 60 s). */
const budgetMs = () => Number(process.env.FANLOOP_WINBACK_BUDGET_MS ?? 40_000)

interface WinBackCursorDoc {
  _id: string
  /** the cutoff of the last complete run: lapses before it were handled */
  doneUpTo: number
  lapseDays: number
  /** a run cut short: its window and the last fan it finished */
  inProgress: { from: number; cutoff: number; after: string } | null
}
/** The subscribe-message template id from the WeChat console; the local cloud's outbox accepts any. */
const MESSAGE_TEMPLATE = process.env.FANLOOP_WINBACK_TEMPLATE_ID ?? 'winback-local'

export interface WinBackOptions {
  trigger: WinBackRunDoc['trigger']
  by: string
  dryRun: boolean
  lapseDays?: number
  now: number
}

export async function winBackLapseDays(): Promise<number> {
  return (await getDoc<WinBackSettingsDoc>('settings', 'winBack'))?.lapseDays ?? DEFAULT_LAPSE_DAYS
}

/**
 * Spends one of the fan's consents (never below zero) and sends the reminder; 'none' when none is held.
 * A refused send (the user turned messages off, a wrong or missing template id, a platform error) gives
 * the consent back: it was not used, since nothing reached the fan.
 */
async function remind(fan: FanDoc, title: string): Promise<'sent' | 'none'> {
  const id = `${fan._id}.winBack`
  const spent = await db
    .collection('subscriptions')
    .where({ _id: id, balance: _.gt(0) })
    .update({ data: { balance: _.inc(-1) } })
  if (spent.stats.updated === 0) return 'none'
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: fan._id,
      templateId: MESSAGE_TEMPLATE,
      page: 'pages/wallet/index',
      data: { thing1: { value: title.slice(0, 20) }, thing2: { value: '好久不见，送您一张回店礼券' } }
    })
    return 'sent'
  } catch (err) {
    // WeChat refused the message: the coupon stands, the fan's failure is recorded and the run goes on to
    // the next fan. 43101 says the fan holds no consent (our count was wrong: none left); any other refusal
    // (bad data 47003, unknown template 40037) did not use the consent, so it is given back.
    const errCode = (err as { errCode?: unknown } | null)?.errCode
    await db
      .collection('subscriptions')
      .doc(id)
      .update({ data: { balance: errCode === 43101 ? 0 : _.inc(1) } })
    throw err
  }
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 200)

/** A fan's failure is kept on their purchase summary (deleted with their data), for the run's reader. */
async function noteFailure(fanId: string, err: unknown, now: number): Promise<void> {
  try {
    await db
      .collection('fanPurchases')
      .doc(fanId)
      .update({ data: { winBackError: _.set({ at: now, message: reasonOf(err) }) } })
  } catch (e) {
    console.error(`[runWinBack] could not record a failure: ${reasonOf(e)}`)
  }
}

/**
 * Fans whose last purchase is older than the lapse get the win-back template's coupon, once per lapse: the
 * occasion names the last purchase, so a re-run (or a second timer firing) finds the coupon already issued
 * and a purchase after it starts a new lapse. Pages by _id through the purchase summaries.
 */
export async function runWinBack(o: WinBackOptions) {
  const lapseDays = o.lapseDays ?? (await winBackLapseDays())
  const tplRes = await db.collection('couponTemplates').where({ trigger: 'win_back', paused: false }).limit(1).get()
  const template = (tplRes.data[0] as CouponTemplateDoc | undefined) ?? null
  // Incremental and resumable (#18.19): a run reads only the fans whose lapse began since the last
  // complete run (lastPurchaseAt in [from, cutoff)), in _id order; one that runs out of time saves its
  // place and answers complete: false and the next run (timer or manager) goes on from there.
  const state = (await getDoc<WinBackCursorDoc>('settings', WINBACK_CURSOR)) ?? { _id: WINBACK_CURSOR, doneUpTo: 0, lapseDays, inProgress: null }
  const resume = !o.dryRun && state.inProgress && state.lapseDays === lapseDays ? state.inProgress : null
  // a changed lapse reads everyone again: issuing is idempotent per lapse, so nobody gets a second coupon
  const from = resume ? resume.from : state.lapseDays === lapseDays ? state.doneUpTo : 0
  const cutoff = resume ? resume.cutoff : o.now - lapseDays * DAY_MS
  const deadline = Date.now() + budgetMs()
  const tally = { scanned: 0, lapsed: 0, issued: 0, alreadyIssued: 0, refused: 0, messaged: 0, failed: 0 }
  let complete = true
  const saveCursor = (data: Omit<WinBackCursorDoc, '_id'>) =>
    o.dryRun
      ? Promise.resolve()
      : db
          .collection('settings')
          .doc(WINBACK_CURSOR)
          .set({ data: { ...data } })
  outer: for (let after = resume ? resume.after : ''; ;) {
    const res = await db
      .collection('fanPurchases')
      .where({ _id: _.gt(after), lastPurchaseAt: _.gte(from).and(_.lt(cutoff)) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()
    const page = res.data as PurchaseSummaryDoc[]
    for (const s of page) {
      if (tally.scanned > 0 && Date.now() > deadline) {
        complete = false
        await saveCursor({ doneUpTo: state.doneUpTo, lapseDays, inProgress: { from, cutoff, after } })
        break outer
      }
      after = s._id
      tally.scanned++
      if (s.lastPurchaseAt === null || s.purchases === 0) continue
      tally.lapsed++
      const fan = await getDoc<FanDoc>('fans', s._id)
      if (o.dryRun || !template || !fan) continue
      let created = false
      try {
        created = (await issueFromTemplate(template, fan, `winback:${s.lastPurchaseAt}`, `winback:${o.trigger}`, o.now)).created
        if (!created) tally.alreadyIssued++
        else tally.issued++
      } catch (err) {
        // Out of stock or over the per-fan limit: counted, and the run goes on to the next fan; so does
        // any other failure, recorded for that fan (one fan must never cost the others their coupon).
        if (err instanceof AppError && err.code === 'CONFLICT') tally.refused++
        else {
          tally.failed++
          await noteFailure(fan._id, err, o.now)
        }
        continue
      }
      if (!created) continue
      try {
        if ((await remind(fan, template.title)) === 'sent') tally.messaged++
      } catch (err) {
        tally.failed++
        await noteFailure(fan._id, err, o.now)
      }
    }
    if (page.length < PAGE) break
  }
  if (complete) await saveCursor({ doneUpTo: cutoff, lapseDays, inProgress: null })
  let runId: string | null = null
  if (!o.dryRun) {
    if (o.lapseDays !== undefined)
      await db
        .collection('settings')
        .doc('winBack')
        .set({ data: { lapseDays: o.lapseDays } })
    // Two runs can start in the same millisecond (timer and a manager): the suffix keeps both records.
    runId = `wb_${chinaDayKey(o.now)}_${o.now}_${randomBytes(3).toString('hex')}`
    const run: WinBackRunDoc = { _id: runId, at: o.now, trigger: o.trigger, by: o.by, lapseDays, templateId: template?._id ?? null, ...tally, complete }
    await db.collection('winBackRuns').add({ data: run })
  }
  return { runId, lapseDays, templateId: template?._id ?? null, ...tally, complete }
}
