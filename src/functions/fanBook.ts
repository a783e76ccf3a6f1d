import { chinaDayStart, DAY_MS } from '../domain/china-time'
import { bookOwner } from './_lib/book-access'
import { avatarUrls, dueView, loadFacts, profileView } from './_lib/book-facts'
import { cursorOf, fansPage, parseCursor } from './_lib/book-page'
import type { BookFan } from './_lib/book-docs'
import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'

/** Fans examined per call when a filter needs their purchases or follow-ups (which live elsewhere). */
const SCAN = 100

/**
 * The customer book. Search and the tag and visit filters are part of the query; spend and "due" need the
 * purchase summaries and follow-ups, so they are applied to a scanned page and a call may answer fewer rows
 * than the limit with `next` set: the page asks again until it has enough or `next` is null.
 * A 4-digit query is a phone tail, anything else a member code or the start of a nickname.
 */
export const main = defineFunction('fanBook', async ({ q, tag, lastVisit, minSpendFen, due, staffId, after, limit = 20 }, caller) => {
  const owner = await bookOwner(caller, staffId)
  const now = Date.now()
  const today = chinaDayStart(now)
  const where: Record<string, unknown> = { ownerStaffId: owner._id }
  if (tag) where.tags = tag
  if (lastVisit === '7d') where.lastVisitAt = _.gte(today - 6 * DAY_MS)
  if (lastVisit === '30d') where.lastVisitAt = _.gte(today - 29 * DAY_MS)
  if (lastVisit === 'over30d') where.lastVisitAt = _.lt(today - 29 * DAY_MS)
  if (lastVisit === 'over60d') where.lastVisitAt = _.lt(today - 59 * DAY_MS)
  const search = !q
    ? null
    : /^\d{4}$/.test(q)
      ? { 'profile.phoneTail': q }
      : _.or([{ memberCode: q.toUpperCase() }, { 'profile.nameKey': _.gte(q.toLowerCase()).and(_.lt(`${q.toLowerCase()}\uffff`)) }])
  const query = search ? _.and([where, search]) : where

  const post = minSpendFen !== undefined || due === true
  const fetchN = post ? SCAN : limit + 1
  const [docs, count] = await Promise.all([fansPage(query, parseCursor(after), fetchN), db.collection('fans').where(query).count()])
  const facts = await loadFacts(docs, now)
  const passes = (f: BookFan) => {
    const x = facts.get(f._id)
    if (minSpendFen !== undefined && (x?.purchases?.totalFen ?? 0) < minSpendFen) return false
    if (due && !x?.due.length) return false
    return true
  }
  const rows: BookFan[] = []
  let last: BookFan | null = null
  for (const d of docs) {
    if (rows.length === limit) break
    last = d
    if (passes(d)) rows.push(d)
  }
  const more = docs.length === fetchN || last !== docs[docs.length - 1]
  const urls = await avatarUrls(rows)
  return {
    rows: rows.map((f) => {
      const x = facts.get(f._id)
      return {
        ...profileView(f, urls),
        memberCode: f.memberCode,
        tags: f.tags ?? [],
        lastVisitAt: Math.floor(f.lastVisitAt),
        visits: f.visits,
        purchases: x?.purchases?.purchases ?? 0,
        totalFen: x?.purchases?.totalFen ?? 0,
        due: dueView(x?.due ?? [])
      }
    }),
    next: more && last ? cursorOf(last) : null,
    total: count.total
  }
})
