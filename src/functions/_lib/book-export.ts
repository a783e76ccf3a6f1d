import type { BookExport } from '../../contract/book'
import { MY_DATA_CAP } from '../../contract/privacy'
import { db } from './cloud'
import type { BookFan, FanNoteDoc, FollowUpDoc } from './book-docs'
import { getDoc } from './data'

/**
 * The customer book's part of a fan's export: what they chose to show (the avatar as "set", its file being
 * theirs to see on 我的), and every tag, note and follow-up staff wrote about them. Authors are not named:
 * the note is about the fan, its author is an employee's record.
 */
export async function bookExportFor(openid: string): Promise<BookExport> {
  const [fan, notes, followUps] = await Promise.all([
    getDoc<BookFan>('fans', openid),
    db.collection('fanNotes').where({ fanId: openid }).orderBy('at', 'desc').limit(MY_DATA_CAP).get(),
    db.collection('followUps').where({ fanId: openid }).orderBy('at', 'desc').limit(MY_DATA_CAP).get()
  ])
  const p = fan?.profile ?? {}
  return {
    profile: { nickname: p.nickname ?? null, avatarUrl: p.avatarFileId ? '已设置' : null, phoneTail: p.phoneTail ?? null, birthMonth: p.birthMonth ?? null },
    tags: fan?.tags ?? [],
    notes: (notes.data as FanNoteDoc[]).map((n) => ({ text: n.text, at: n.at })),
    followUps: (followUps.data as FollowUpDoc[]).map((f) => ({ reason: f.reason, action: f.action, note: f.note, at: f.at }))
  }
}
