import { chinaDayKey, chinaDayStart, DAY_MS } from '../domain/china-time'
import { rate, repurchasedAfter } from '../domain/follow-up'
import type { FollowUpDoc } from './_lib/book-docs'
import { loadFacts } from './_lib/book-facts'
import { fansPage, type BookCursor } from './_lib/book-page'
import { managerStoreScope } from './_lib/caller'
import { _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { StaffDoc } from './_lib/docs'
import { readAll } from './_lib/reads'
import { assertManages } from './_lib/scope'

const SCAN = 100
/** fans looked at per staff member: past it the due count is a lower bound (and the answer says so) */
const MAX_PAGES = 10

/**
 * Follow-ups due now and done in the window per staff member, and whether they work: of the fans followed
 * up in the window, the share who repurchased after it, against the share of their other fans who
 * repurchased in the window. Due counts walk each book (there is no counter for "due": it changes with the
 * clock), so a store's page costs a few reads per hundred fans.
 */
export const main = defineFunction('followUpStats', async ({ storeId, days = 30 }, caller) => {
  const me = caller.staff!
  if (storeId) assertManages(me, storeId)
  const stores = storeId ? [storeId] : managerStoreScope(me)
  const now = Date.now()
  const since = chinaDayStart(now) - (days - 1) * DAY_MS
  const inStores = stores ? { storeId: _.in(stores) } : {}
  const [team, done] = await Promise.all([
    readAll<StaffDoc>('staff', { ...inStores, active: true }, { name: true, storeId: true, role: true }),
    readAll<Pick<FollowUpDoc, 'fanId' | 'staffId' | 'at'>>('followUps', { ...inStores, at: _.gte(since) }, { fanId: true, staffId: true, at: true })
  ])
  const followedAt = new Map<string, number>()
  for (const d of done) followedAt.set(d.fanId, Math.min(d.at, followedAt.get(d.fanId) ?? Infinity))
  const followed = { fans: 0, repurchased: 0 }
  const rest = { fans: 0, repurchased: 0 }
  let capped = false
  const rows = []
  for (const s of team) {
    let due = 0
    let cursor: BookCursor | null = null
    for (let page = 0; ; page++) {
      if (page === MAX_PAGES) {
        capped = true
        break
      }
      const docs = await fansPage({ ownerStaffId: s._id }, cursor, SCAN)
      const facts = await loadFacts(docs, now)
      for (const fan of docs) {
        const x = facts.get(fan._id)
        if (x?.due.length) due++
        const at = followedAt.get(fan._id)
        const cohort = at === undefined ? rest : followed
        cohort.fans++
        if (repurchasedAfter(x?.purchases ?? null, at ?? since)) cohort.repurchased++
      }
      if (docs.length < SCAN) break
      const last = docs[docs.length - 1]
      cursor = { at: last.lastVisitAt, id: last._id }
    }
    rows.push({ staffId: s._id, name: s.name, storeId: s.storeId, due, done: done.filter((d) => d.staffId === s._id).length })
  }
  return {
    dayKey: chinaDayKey(now),
    days,
    staff: rows.filter((r) => r.due > 0 || r.done > 0 || team.find((s) => s._id === r.staffId)?.role === 'staff'),
    followedUp: { ...followed, rate: rate(followed.repurchased, followed.fans) },
    rest: { ...rest, rate: rate(rest.repurchased, rest.fans) },
    capped
  }
})
