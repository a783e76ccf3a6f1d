import { db, _ } from './cloud'
import type { BookFan } from './book-docs'
import { AppError } from './errors'

/**
 * A staff member's fans, newest visit first, by keyset on (lastVisitAt, _id): the _id makes the key unique,
 * so a page boundary between two fans seen in the same millisecond loses neither. Never a skip().
 */
export interface BookCursor {
  at: number
  id: string
}

export const cursorOf = (f: Pick<BookFan, 'lastVisitAt' | '_id'>) => `${f.lastVisitAt}~${f._id}`

export function parseCursor(raw: string | undefined): BookCursor | null {
  if (raw === undefined) return null
  const sep = raw.indexOf('~')
  const at = Number(raw.slice(0, sep))
  const id = raw.slice(sep + 1)
  // lastVisitAt is whatever was stored (older demo data holds fractions of a millisecond): any finite time
  if (sep < 1 || !Number.isFinite(at) || at < 0 || !/^[A-Za-z0-9_.-]{1,64}$/.test(id)) throw new AppError('INVALID_INPUT', '分页参数不正确')
  return { at, id }
}

/** One page of fans matching `where`, after the cursor. */
export async function fansPage(where: Record<string, unknown>, cursor: BookCursor | null, n: number): Promise<BookFan[]> {
  const after = cursor ? _.or([{ lastVisitAt: _.lt(cursor.at) }, { lastVisitAt: cursor.at, _id: _.lt(cursor.id) }]) : null
  const res = await db
    .collection('fans')
    .where(after ? _.and([where, after]) : where)
    .orderBy('lastVisitAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(n)
    .get()
  return res.data as BookFan[]
}
