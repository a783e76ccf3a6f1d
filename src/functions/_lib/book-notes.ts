import { db } from './cloud'
import type { FanNoteDoc, FollowUpDoc } from './book-docs'
import { staffByIds } from './kpi-read'

export const NOTES_SHOWN = 20
export const FOLLOW_UPS_SHOWN = 10

/** The newest notes on a fan, with the author's name. */
export async function notesOf(fanId: string) {
  const res = await db.collection('fanNotes').where({ fanId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(NOTES_SHOWN).get()
  const notes = res.data as FanNoteDoc[]
  const names = await staffByIds([...new Set(notes.map((n) => n.staffId))])
  return notes.map((n) => ({ noteId: n._id, text: n.text, by: names.get(n.staffId)?.name ?? '导购', at: n.at }))
}

export async function followUpsOf(fanId: string) {
  const res = await db.collection('followUps').where({ fanId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(FOLLOW_UPS_SHOWN).get()
  const done = res.data as FollowUpDoc[]
  const names = await staffByIds([...new Set(done.map((n) => n.staffId))])
  return done.map((d) => ({ reason: d.reason, action: d.action, note: d.note, by: names.get(d.staffId)?.name ?? '导购', at: d.at }))
}
