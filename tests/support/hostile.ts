/**
 * Hostile values for fuzzing function inputs: wrong types, huge and odd strings, operator-shaped objects
 * (what a client could send hoping it becomes a query operator), and numbers that are not numbers.
 */
export const HOSTILE_VALUES: unknown[] = [
  null,
  undefined,
  true,
  0,
  -1,
  -0.5,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  '',
  ' ',
  '0',
  '12',
  '-5',
  'NaN',
  'x'.repeat(100_000),
  '\u0000',
  '\uD800',
  '👨‍👩‍👧‍👦'.repeat(50),
  '\u202Eevil',
  '<script>alert(1)</script>',
  "'; DROP TABLE fans; --",
  '../../etc/passwd',
  [],
  ['a'],
  Array.from({ length: 10_000 }, (_, i) => i),
  {},
  { $ne: null },
  { $gt: '' },
  { $exists: true },
  { _id: { $exists: true } },
  { $where: 'return true' },
  { $regex: '.*' },
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  { toString: 'x' }
]

/** Keys a client might add hoping they are honoured. */
export const HOSTILE_KEYS = ['$where', '$ne', '_id', '__proto__', 'constructor', 'openid', 'OPENID', 'role', 'userInfo2', 'x'.repeat(1000), '', 'a.b', '$set']

/** Malformed variants of a valid input: every field replaced, dropped and joined by strangers, plus whole-event garbage. */
export function mutations(valid: Record<string, unknown>): unknown[] {
  const out: unknown[] = [...HOSTILE_VALUES.map((v) => v), 'plain string', 42, [valid]]
  const fields = Object.keys(valid)
  for (const f of fields) {
    for (const v of HOSTILE_VALUES) out.push({ ...valid, [f]: v })
    const { [f]: _dropped, ...rest } = valid
    out.push(rest)
    const inner = valid[f]
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const g of Object.keys(inner)) for (const v of HOSTILE_VALUES) out.push({ ...valid, [f]: { ...(inner as object), [g]: v } })
    }
  }
  for (const k of HOSTILE_KEYS) for (const v of HOSTILE_VALUES.slice(0, 16)) out.push({ ...valid, [k]: v })
  return out
}

/**
 * Values a contract accepts that are still hostile: markup, operator- and path-shaped text, SQL, bidi and
 * joined emoji, and numbers at the edges of what is allowed. They reach the handlers, so what gets stored
 * must be exactly what was asked, as data, never as a query operator or a field path.
 */
export const HOSTILE_VALID_STRINGS = [
  '<script>alert(1)</script>',
  '{"$ne":null}',
  '$where',
  '$set',
  "'; DROP TABLE fans; --",
  'a.b.c',
  '__proto__',
  'constructor',
  '👨‍👩‍👧‍👦店',
  '\u202Eevil',
  '  padded  ',
  '%s%n${x}'
]
export const HOSTILE_VALID_NUMBERS = [0, 1, -1, 2 ** 31, Number.MAX_SAFE_INTEGER]

/** Variants of a valid input with each string or number field (one level deep) replaced by a hostile-but-valid value. */
export function validMutations(valid: Record<string, unknown>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  const swap = (v: unknown): unknown[] => (typeof v === 'string' ? HOSTILE_VALID_STRINGS : typeof v === 'number' ? HOSTILE_VALID_NUMBERS : [])
  for (const [f, v] of Object.entries(valid)) {
    for (const h of swap(v)) out.push({ ...valid, [f]: h })
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [g, w] of Object.entries(v)) for (const h of swap(w)) out.push({ ...valid, [f]: { ...(v as object), [g]: h } })
    }
  }
  return out
}
