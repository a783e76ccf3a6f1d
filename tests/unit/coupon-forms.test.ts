import { yuanToFen } from '../../src/components/coupon-card/money'
import { fromDraft, toDraft } from '../../src/manager/pages/coupons/draft'

describe('money typed at the till and in the template form', () => {
  it.each([
    ['42', 4200],
    ['42.5', 4250],
    ['42.50', 4250],
    [' 0.01 ', 1],
    ['0', 0],
    ['', null],
    ['42.505', undefined],
    ['-1', undefined],
    ['4,200', undefined],
    ['1e3', undefined]
  ])('%j → %j fen', (raw, fen) => {
    expect(yuanToFen(raw)).toBe(fen)
  })
})

describe('the template form draft', () => {
  const NOW = Date.UTC(2026, 10, 23, 17) // 2026-11-24 01:00 China time
  const base = { ...toDraft(null, NOW), title: '满50减8', value: '8', threshold: '50' }

  it('turns yuan into fen, 折 into percent, and blank stock into "no limit"', () => {
    expect(fromDraft(base)).toMatchObject({ kind: 'amount_off', value: 800, thresholdFen: 5000, stock: null, validity: { type: 'days', days: 7 } })
    expect(fromDraft({ ...base, kind: 'percent_off', value: '8.5' })).toMatchObject({ value: 85 })
    expect(fromDraft({ ...base, kind: 'gift', value: '' })).toMatchObject({ value: 0 })
  })

  it('reads dates as China calendar days (the default starts today in China, not in UTC)', () => {
    expect(base.from).toBe('2026-11-24')
    const fields = fromDraft({ ...base, validityType: 'fixed', from: '2026-12-01', until: '2026-12-31' })
    expect(fields).toMatchObject({ validity: { type: 'fixed', from: Date.UTC(2026, 10, 30, 16), until: Date.UTC(2026, 11, 30, 16) } })
  })

  it.each([
    [{ title: ' ' }, '请填写券名称'],
    [{ value: '0' }, '请填写减免金额（元）'],
    [{ kind: 'percent_off' as const, value: '10' }, '折扣请填写 1–9.9 之间的数字，如 8.5'],
    [{ kind: 'percent_off' as const, value: '8.55' }, '折扣请填写 1–9.9 之间的数字，如 8.5'],
    [{ stock: '0' }, '库存请填写正整数，不限量留空'],
    [{ validityType: 'fixed' as const, from: '2026-12-02', until: '2026-12-01' }, '结束日期不能早于开始日期'],
    [{ storeIds: [] }, '请至少选择一家适用门店']
  ])('refuses %j', (patch, message) => {
    expect(fromDraft({ ...base, ...patch })).toBe(message)
  })
})
