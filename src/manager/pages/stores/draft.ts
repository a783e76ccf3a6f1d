import type { InputOf } from '../../../contract'
import type { StoreAdminRow } from '../../../contract/stores'
import { NEW_STORE_FIELDS, storeFieldsProblem, type StoreFieldName } from '../../../domain/store-fields'

/** The store form as typed: coordinates as text until saved (H5 types them; weapp fills them from the map). */
export interface Draft {
  name: string
  city: string
  address: string
  longitude: string
  latitude: string
  hours: string
  phone: string
  active: boolean
}

export type SaveStoreInput = InputOf<'saveStore'>

export function toDraft(s: StoreAdminRow | null): Draft {
  return {
    name: s?.name ?? '',
    city: s?.city ?? '',
    address: s?.address ?? '',
    longitude: s ? String(s.longitude) : '',
    latitude: s ? String(s.latitude) : '',
    hours: s?.hours ?? '',
    phone: s?.phone ?? '',
    active: s?.active ?? true
  }
}

const LABEL = Object.fromEntries(NEW_STORE_FIELDS) as Record<StoreFieldName, string>

/** A typed coordinate: undefined when left blank, a message when it is not a number in range. */
function coordinate(text: string, key: 'longitude' | 'latitude'): number | undefined | string {
  if (text.trim() === '') return undefined
  const n = Number(text.trim())
  const max = key === 'longitude' ? 180 : 90
  return Number.isFinite(n) && Math.abs(n) <= max ? n : `${LABEL[key]}应为 -${max} 到 ${max} 之间的数字`
}

/**
 * What to send to saveStore, or what to fix (in the form's words). A new store sends every field; an
 * edit only what changed (coordinates as a pair), so two managers editing different fields do not undo each other.
 */
export function fromDraft(d: Draft, original: StoreAdminRow | null): SaveStoreInput | string {
  const lng = coordinate(d.longitude, 'longitude')
  const lat = coordinate(d.latitude, 'latitude')
  if (typeof lng === 'string') return lng
  if (typeof lat === 'string') return lat
  const typed = { name: d.name.trim(), city: d.city.trim(), address: d.address.trim(), hours: d.hours.trim(), phone: d.phone.trim() }
  if (!original) {
    const fields = { ...typed, longitude: lng, latitude: lat }
    return storeFieldsProblem(fields, true) ?? (fields as SaveStoreInput)
  }
  const changes: SaveStoreInput = { storeId: original.storeId }
  for (const key of ['name', 'city', 'address', 'hours', 'phone'] as const) {
    if (typed[key] === '') return `${LABEL[key]}不能为空`
    if (typed[key] !== original[key]) changes[key] = typed[key]
  }
  if (lng === undefined || lat === undefined) return '请填写经度和纬度'
  if (lng !== original.longitude || lat !== original.latitude) Object.assign(changes, { longitude: lng, latitude: lat })
  if (d.active !== original.active) changes.active = d.active
  return storeFieldsProblem(changes, false) ?? changes
}
