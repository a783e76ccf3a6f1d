/**
 * What the staff member typed at the till: a phone number the fan bound on 我的 (11 digits, maybe +86),
 * or else a member code. Member codes are 10 characters, so the two never collide.
 */
export function tillLookup(text: string): { phone: string } | { memberCode: string } {
  const t = text.trim()
  return /^(\+86)?1\d{10}$/.test(t) ? { phone: t } : { memberCode: t }
}
