import { Id } from '../../src/contract/common'
import { isOpenAt } from '../../src/domain/geo'
import { parseScene } from '../../src/domain/scene'
import { signScene, verifyScene } from '../../src/domain/scene-signature'
import { hoursProblem, missingForNew, phoneProblem, storeFieldsProblem } from '../../src/domain/store-fields'
import { newStoreId } from '../../src/functions/_lib/stores-id'

describe('store hours', () => {
  const noon = Date.UTC(2024, 5, 1, 4, 0) // 12:00 in China

  it.each(['10:00-22:00', '10:00-14:00,17:00-22:00', '10:00-14:00，17:00-22:00', '22:00-02:00', '00:00-24:00', ' 9:30-21:00 '])(
    'accepts %j, which the open-now badge can read',
    (hours) => {
      expect(hoursProblem(hours)).toBeNull()
      expect(isOpenAt(hours.trim(), noon)).not.toBeNull()
    }
  )

  it.each(['全天营业', '10:00 - 22:00', '10-22', '10:00-22:60', '25:00-26:00', '10:00-22:00;', ''])('refuses %j, which it cannot', (hours) => {
    expect(hoursProblem(hours)).toMatch(/营业时间格式/)
    expect(isOpenAt(hours.trim(), noon)).toBeNull()
  })
})

describe('store phone', () => {
  it.each(['021-62881618', '13800138000', '+86 21 6288 1618', '400-820-8820', '021 6288'])('accepts %j', (phone) => {
    expect(phoneProblem(phone)).toBeNull()
  })
  it.each(['021-CALL', '(021)62881618', '62881618转3', '+-+', '--12', '12', '021#1'])('refuses %j', (phone) => {
    expect(phoneProblem(phone)).toMatch(/电话只能包含/)
  })
})

describe('new store fields', () => {
  const full = { name: '店', city: '上海', address: '路1号', longitude: 121.4, latitude: 31.2, hours: '10:00-22:00', phone: '021-1234' }

  it('names what a new store lacks, blank text included, in form order', () => {
    expect(missingForNew(full)).toEqual([])
    expect(missingForNew({ ...full, city: '  ', phone: undefined, longitude: undefined })).toEqual(['城市', '经度', '电话'])
    expect(storeFieldsProblem({ name: 'x' }, true)).toBe('新增门店需要填写：城市、地址、经度、纬度、营业时间、电话')
  })

  it('lets an edit give any subset, but longitude and latitude together', () => {
    expect(storeFieldsProblem({ phone: '021-1234' }, false)).toBeNull()
    expect(storeFieldsProblem({}, false)).toBeNull()
    expect(storeFieldsProblem({ latitude: 31.2 }, false)).toBe('经度和纬度需要一起填写')
    expect(storeFieldsProblem({ ...full, hours: '早八晚十' }, true)).toMatch(/营业时间格式/)
    expect(storeFieldsProblem({ ...full, phone: 'abc' }, true)).toMatch(/电话/)
  })
})

describe('new store ids', () => {
  it('fit the contract’s Id and a signed store-code scene, and do not repeat', () => {
    const ids = Array.from({ length: 2000 }, newStoreId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids.slice(0, 200)) {
      expect(Id.safeParse(id).success).toBe(true)
      expect(id.length).toBeLessThanOrEqual(12)
      // signed at the highest code version a store can reach (a revoked code bumps it)
      const scene = signScene('unit-key', 'store', id, 36 ** 4 - 1)
      expect(parseScene(scene)).toMatchObject({ kind: 'store', id })
      expect(verifyScene('unit-key', scene)).toMatchObject({ kind: 'store', id, version: 36 ** 4 - 1 })
    }
  })
})
