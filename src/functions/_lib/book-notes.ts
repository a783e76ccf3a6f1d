import { db, _ } from './cloud'
import { AppError } from './errors'
import type { FanNoteDoc, FollowUpDoc } from './book-docs'
import { staffByIds } from './kpi-read'

export const NOTES_SHOWN = 20
export const FOLLOW_UPS_SHOWN = 10

/** Notes newest first by keyset on (at, _id): `${at}~${noteId}` of the last note shown. */
function notesCursor(raw: string | undefined): { at: number; id: string } | null {
  if (raw === undefined) return null
  const m = /^(\d{1,15})~(nt_[a-z0-9_]{1,40})$/.exec(raw)
  if (!m) throw new AppError('INVALID_INPUT', '分页参数不正确')
  return { at: Number(m[1]), id: m[2] }
}

/** A page of a fan's notes, newest first, with the author's name, and the cursor of the next page. */
export async function notesOf(fanId: string, olderThan?: string) {
  const c = notesCursor(olderThan)
  const where = c ? _.and([{ fanId }, _.or([{ at: _.lt(c.at) }, { at: c.at, _id: _.lt(c.id) }])]) : { fanId }
  const res = await db
    .collection('fanNotes')
    .where(where)
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(NOTES_SHOWN + 1)
    .get()
  const notes = (res.data as FanNoteDoc[]).slice(0, NOTES_SHOWN)
  const names = await staffByIds([...new Set(notes.map((n) => n.staffId))])
  const last = notes[notes.length - 1]
  return {
    notes: notes.map((n) => ({ noteId: n._id, text: n.text, by: names.get(n.staffId)?.name ?? '导购', at: n.at })),
    notesNext: res.data.length > NOTES_SHOWN && last ? `${last.at}~${last._id}` : null
  }
}

export async function followUpsOf(fanId: string) {
  const res = await db.collection('followUps').where({ fanId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(FOLLOW_UPS_SHOWN).get()
  const done = res.data as FollowUpDoc[]
  const names = await staffByIds([...new Set(done.map((n) => n.staffId))])
  return done.map((d) => ({ reason: d.reason, action: d.action, note: d.note, by: names.get(d.staffId)?.name ?? '导购', at: d.at }))
}
