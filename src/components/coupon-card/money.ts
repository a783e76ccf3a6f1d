/** Money as typed into coupon forms and at the till ("42", "42.5", "42.50" yuan) → fen. "" = none; undefined = not a sum. */
export function yuanToFen(raw: string): number | null | undefined {
  const s = raw.trim()
  if (s === '') return null
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return undefined
  const [whole, frac = ''] = s.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}
