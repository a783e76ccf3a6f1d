/**
 * The 我的粉丝 page's position: newest binding first, ties broken by member code (unique per fan), so a
 * batch bound in one instant pages without a skip or a repeat. Opaque to the client.
 */
export interface FanCursor {
  boundAt: number
  memberCode: string
}

export const encodeFanCursor = (c: FanCursor): string => `${c.boundAt}.${c.memberCode}`

/** null for anything that is not a cursor this module made (refused as bad input by the function). */
export function decodeFanCursor(raw: string): FanCursor | null {
  const m = /^(\d{1,15})\.([0-9A-Z]{1,32})$/.exec(raw)
  return m ? { boundAt: Number(m[1]), memberCode: m[2] } : null
}
