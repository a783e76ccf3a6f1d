import { dailyCsv, leaderboardCsv, toCsv } from '../../src/domain/kpi-csv'
import { funnel, rankStaff } from '../../src/domain/kpi-report'
import { emptyTally, figures, repurchaseRate, rowTally, sumTallies, T, tallyRowFields, type Tally } from '../../src/domain/kpi-tally'

const tally = (f: Partial<Record<keyof typeof T, number>>): Tally => {
  const t = emptyTally()
  for (const [k, v] of Object.entries(f)) t[T[k as keyof typeof T]] = v as number
  return t
}

describe('tallies', () => {
  it('read a counter row, treating missing fields (older rows) as 0', () => {
    const t = rowTally({ _id: 'x', dayKey: '2026-11-01', storeId: 'st01', staffId: 'sf01', newFans: 2, visits: 5, byChannel: { staff_code: 2 } })
    expect(figures(t)).toMatchObject({
      newFans: 2,
      visits: 5,
      couponsRedeemed: 0,
      salesFen: 0,
      byChannel: { store_code: 0, staff_code: 2, shared_card: 0, group: 0 },
      repurchaseRate: null
    })
  })

  it('round-trip through the row fields and add up', () => {
    const a = tally({ newFans: 1, salesFen: 4600, 'byChannel.group': 1 })
    expect(rowTally({ _id: 'x', dayKey: 'd', storeId: 's', staffId: '-', ...tallyRowFields(a) })).toEqual(a)
    expect(sumTallies([a, a, emptyTally()])[T.salesFen]).toBe(9200)
  })

  it.each([
    [0, 0, null],
    [3, 1, 0.25],
    [2, 1, 0.3333],
    [0, 4, 1]
  ])('repurchase rate of %i first purchases and %i repurchases is %p', (first, again, want) => {
    expect(repurchaseRate(first, again)).toBe(want)
  })
})

describe('funnel visit → fan → first purchase → repurchase', () => {
  it('converts each step against the one before', () => {
    expect(funnel(tally({ visits: 40, newFans: 10, firstPurchases: 4, repurchases: 1 }))).toEqual([
      { step: 'visit', label: '到店', count: 40, conversion: null },
      { step: 'fan', label: '新粉', count: 10, conversion: 0.25 },
      { step: 'firstPurchase', label: '首购', count: 4, conversion: 0.4 },
      { step: 'repurchase', label: '复购', count: 1, conversion: 0.25 }
    ])
  })

  it('has no conversion after an empty step', () => {
    expect(funnel(emptyTally()).map((s) => s.conversion)).toEqual([null, null, null, null])
  })
})

describe('staff leaderboard', () => {
  const entries: Array<[string, Tally]> = [
    ['sf03', tally({ newFans: 5, salesFen: 100 })],
    ['sf01', tally({ newFans: 9, salesFen: 100, firstPurchases: 1, repurchases: 1 })],
    ['sf02', tally({ newFans: 5, salesFen: 900, firstPurchases: 3, repurchases: 1 })],
    ['sf04', tally({ newFans: 1 })]
  ]

  it('sorts by the chosen column, equal values sharing a rank, ties by new fans then id', () => {
    expect(rankStaff(entries, 'newFans').map((r) => [r.rank, r.staffId])).toEqual([
      [1, 'sf01'],
      [2, 'sf02'],
      [2, 'sf03'],
      [4, 'sf04']
    ])
    expect(rankStaff(entries, 'salesFen').map((r) => [r.rank, r.staffId])).toEqual([
      [1, 'sf02'],
      [2, 'sf01'],
      [2, 'sf03'],
      [4, 'sf04']
    ])
  })

  it('puts staff without purchases last when sorting by repurchase rate', () => {
    const ranked = rankStaff(entries, 'repurchaseRate')
    expect(ranked.map((r) => [r.rank, r.staffId, figures(r.tally).repurchaseRate])).toEqual([
      [1, 'sf01', 0.5],
      [2, 'sf02', 0.25],
      [3, 'sf03', null],
      [3, 'sf04', null]
    ])
  })
})

describe('CSV export', () => {
  it('starts with a BOM, uses CRLF, quotes commas and quotes, and defuses formulas', () => {
    const csv = toCsv(
      ['名字', '值'],
      [
        ['王,芳', 1],
        ['说"好"', -2],
        ['=1+1', null]
      ]
    )
    expect(csv).toBe('\uFEFF名字,值\r\n"王,芳",1\r\n"说""好""",-2\r\n\'=1+1,\r\n')
  })

  it('writes the leaderboard and the daily table in yuan and percent', () => {
    const lb = leaderboardCsv([
      { rank: 1, name: '王芳', storeName: '静安寺店', newFans: 3, visits: 7, couponsRedeemed: 2, sales: 2, salesFen: 10450, repurchaseRate: 0.5 }
    ])
    expect(lb.split('\r\n')[1]).toBe('1,王芳,静安寺店,3,7,2,2,104.50,50.00%')
    const daily = dailyCsv([
      { dayKey: '2026-11-01', ...figures(tally({ visits: 3, newFans: 2, 'byChannel.staff_code': 2, salesFen: 3000, sales: 1, firstPurchases: 1 })) }
    ])
    expect(daily.split('\r\n')[1]).toBe('2026-11-01,3,2,0,2,0,0,0,0,0,1,30.00,1,0,0.00,0.00%')
  })
})
