import { contract } from '../../src/contract'
import type { StoreAdminRow } from '../../src/contract/stores'
import { fromDraft, toDraft } from '../../src/manager/pages/stores/draft'

/** The store form → saveStore: a new store sends everything, an edit only what changed. */
const ST01: StoreAdminRow = {
  storeId: 'st01',
  name: '静安寺店',
  city: '上海',
  address: '南京西路1618号',
  hours: '10:00-22:00',
  phone: '021-62881618',
  longitude: 121.44562,
  latitude: 31.22347,
  active: true
}

describe('new store', () => {
  const typed = {
    name: ' 愚园路店 ',
    city: '上海',
    address: '愚园路1088号',
    longitude: '121.4471',
    latitude: ' 31.2243',
    hours: '08:00-21:00',
    phone: '021-62990000',
    active: true
  }

  it('sends every field, trimmed, with numeric coordinates the contract accepts', () => {
    const input = fromDraft(typed, null)
    expect(input).toEqual({
      name: '愚园路店',
      city: '上海',
      address: '愚园路1088号',
      longitude: 121.4471,
      latitude: 31.2243,
      hours: '08:00-21:00',
      phone: '021-62990000'
    })
    expect(contract.saveStore.input.safeParse(input).success).toBe(true)
  })

  it('names what is missing, and refuses coordinates that are not numbers in range', () => {
    expect(fromDraft({ ...toDraft(null), name: '店' }, null)).toBe('新增门店需要填写：城市、地址、经度、纬度、营业时间、电话')
    expect(fromDraft({ ...typed, longitude: '东经121' }, null)).toBe('经度应为 -180 到 180 之间的数字')
    expect(fromDraft({ ...typed, latitude: '91' }, null)).toBe('纬度应为 -90 到 90 之间的数字')
    expect(fromDraft({ ...typed, hours: '8点-21点' }, null)).toMatch(/营业时间格式/)
  })
})

describe('editing', () => {
  it('round-trips an unchanged store to just its id', () => {
    expect(fromDraft(toDraft(ST01), ST01)).toEqual({ storeId: 'st01' })
  })

  it('sends only the changed fields, coordinates as a pair, and the active switch', () => {
    expect(fromDraft({ ...toDraft(ST01), phone: '021-62880000' }, ST01)).toEqual({ storeId: 'st01', phone: '021-62880000' })
    expect(fromDraft({ ...toDraft(ST01), latitude: '31.3' }, ST01)).toEqual({ storeId: 'st01', longitude: 121.44562, latitude: 31.3 })
    expect(fromDraft({ ...toDraft(ST01), active: false }, ST01)).toEqual({ storeId: 'st01', active: false })
  })

  it('will not blank a field or clear the location', () => {
    expect(fromDraft({ ...toDraft(ST01), address: '  ' }, ST01)).toBe('地址不能为空')
    expect(fromDraft({ ...toDraft(ST01), longitude: '' }, ST01)).toBe('请填写经度和纬度')
    expect(fromDraft({ ...toDraft(ST01), phone: 'abc' }, ST01)).toMatch(/电话只能包含/)
  })
})
