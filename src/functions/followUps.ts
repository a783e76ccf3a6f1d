import { chinaDayKey } from '../domain/china-time'
import { bookOwner } from './_lib/book-access'
import { avatarUrls, dueView, loadFacts, type Facts } from './_lib/book-facts'
import type { BookFan } from './_lib/book-docs'
import { cursorOf, fansPage, parseCursor } from './_lib/book-page'
import { followUpTemplates } from './_lib/book-templates'
import { defineFunction } from './_lib/define'

const SCAN = 100
/** pages of fans looked at per call at most: bounds the call's time, the page asks again with `next` */
const PAGES = 3
const ROWS = 30

/**
 * Today's follow-ups of one staff member (their own; managers may name a staff member they manage): the
 * rules are in src/domain/follow-up.ts and run on each fan as the book is walked newest visit first.
 */
export const main = defineFunction('followUps', async ({ staffId, after }, caller) => {
  const owner = await bookOwner(caller, staffId)
  const now = Date.now()
  const due: Array<{ fan: BookFan; facts: Facts }> = []
  let cursor = parseCursor(after)
  let more = true
  for (let page = 0; page < PAGES && more && due.length < ROWS; page++) {
    const docs = await fansPage({ ownerStaffId: owner._id }, cursor, SCAN)
    const facts = await loadFacts(docs, now)
    let last: BookFan | null = null
    for (const fan of docs) {
      if (due.length === ROWS) break
      last = fan
      const x = facts.get(fan._id)
      if (x && x.due.length > 0) due.push({ fan, facts: x })
    }
    more = docs.length === SCAN || last !== docs[docs.length - 1]
    if (last) cursor = { at: last.lastVisitAt, id: last._id }
  }
  const [urls, templates] = await Promise.all([avatarUrls(due.map((d) => d.fan)), followUpTemplates(owner.storeId)])
  return {
    dayKey: chinaDayKey(now),
    rows: due.map(({ fan, facts }) => ({
      memberCode: fan.memberCode,
      nickname: fan.profile?.nickname ?? null,
      avatarUrl: fan.profile?.avatarFileId ? (urls.get(fan.profile.avatarFileId) ?? null) : null,
      lastVisitAt: Math.floor(fan.lastVisitAt),
      reasons: dueView(facts.due),
      reminderConsents: facts.reminderConsents
    })),
    next: more && cursor ? cursorOf({ lastVisitAt: cursor.at, _id: cursor.id }) : null,
    templates: templates.map((t) => ({ templateId: t._id, title: t.title }))
  }
})
