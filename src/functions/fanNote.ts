import { randomBytes } from 'node:crypto'
import { visibleFan } from './_lib/book-access'
import type { FanNoteDoc } from './_lib/book-docs'
import { notesOf } from './_lib/book-notes'
import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'

/**
 * Tags (the whole list, replaced) and notes on a fan. Both belong to the brand, not to the author: whoever
 * owns the fan later reads them, and they go out with the fan's own export and are erased with the fan.
 */
export const main = defineFunction('fanNote', async ({ memberCode, tags, note, removeNoteId, olderThan }, caller) => {
  if (tags === undefined && note === undefined && removeNoteId === undefined && olderThan === undefined) throw new AppError('INVALID_INPUT', '请填写标签或备注')
  const fan = await visibleFan(caller, memberCode)
  const staff = caller.staff!
  let kept = fan.tags ?? []
  if (tags !== undefined) {
    kept = [...new Set(tags.map((t) => t.trim()))]
    await db
      .collection('fans')
      .doc(fan._id)
      .update({ data: { tags: _.set(kept) } })
  }
  if (note !== undefined) {
    const doc: FanNoteDoc = { _id: `nt_${randomBytes(9).toString('hex')}`, fanId: fan._id, staffId: staff._id, text: note, at: Date.now() }
    await db.collection('fanNotes').add({ data: doc })
  }
  if (removeNoteId !== undefined) {
    const gone = await db.collection('fanNotes').where({ _id: removeNoteId, fanId: fan._id }).remove()
    if (gone.stats.removed === 0) throw new AppError('NOT_FOUND', '备注不存在')
  }
  return { tags: kept, ...(await notesOf(fan._id, olderThan)) }
})
