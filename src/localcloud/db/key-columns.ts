/**
 * Key columns: indexed fields' values kept beside the document (see KeyColumn), and which of them a
 * write must assign.
 */
import type { SV, SVObject } from './values'

/**
 * A column holding one indexed field's value, json_extract(data, jp), next to the document. Indexes
 * are built on these columns rather than on json_extract expressions because SQLite rewrites every
 * expression index over `data` whenever `data` changes, even when the indexed value is the same; a
 * column that is not assigned is not touched. updateRow assigns only the columns whose value changed.
 */
export interface KeyColumn {
  path: string
  segs: string[]
  jp: string
  /** the quoted column name */
  col: string
}

export const KEY_PREFIX = 'k:'

/** The value json_extract(data, path) reads, for a path of object keys: undefined when missing. */
function valueAt(doc: SV, segs: string[]): SV | undefined {
  let v: SV | undefined = doc
  for (const s of segs) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, s)) return undefined
    v = v[s]
  }
  return v
}

function sameValue(a: SV | undefined, b: SV | undefined): boolean {
  if (a === b) return true
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b)
}

/** The key columns whose value differs between the stored text and the new document. */
export function changedKeys(keys: KeyColumn[], oldData: string, doc: SVObject): KeyColumn[] {
  if (keys.length === 0) return keys
  const old = JSON.parse(oldData) as SVObject
  return keys.filter((k) => !sameValue(valueAt(old, k.segs), valueAt(doc, k.segs)))
}
