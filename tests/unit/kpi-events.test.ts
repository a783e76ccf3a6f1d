import { tallyEvents, type EventSet } from '../../src/domain/kpi-events'
import { figures, T } from '../../src/domain/kpi-tally'

// 2026-11-10 23:59:59 and 2026-11-11 00:00:00 China time
const LAST_SECOND_10TH = Date.UTC(2026, 10, 10, 15, 59, 59)
const FIRST_SECOND_11TH = Date.UTC(2026, 10, 10, 16, 0, 0)

const none: EventSet = { fans: [], visits: [], coupons: [], redemptions: [], sales: [], groupJoins: [] }

describe('events → counter rows', () => {
  it('puts 23:59:59 and 00:00:00 China time on different days, whatever the UTC date says', () => {
    const rows = tallyEvents(
      {
        ...none,
        visits: [
          { fanId: 'f1', storeId: 'st01', servingStaffId: 'sf01', at: LAST_SECOND_10TH },
          { fanId: 'f1', storeId: 'st01', servingStaffId: 'sf01', at: FIRST_SECOND_11TH },
          { fanId: 'f2', storeId: 'st01', servingStaffId: null, at: FIRST_SECOND_11TH + 1000 }
        ]
      },
      new Map()
    )
    expect([...rows.keys()].sort()).toEqual(['2026-11-10.st01.sf01', '2026-11-11.st01.-', '2026-11-11.st01.sf01'])
    expect(rows.get('2026-11-11.st01.sf01')?.tally[T.visits]).toBe(1)
  })

  it("credits a new fan, its channel and its welcome coupon to the first check-in's staff, a manual coupon to the store", () => {
    const rows = tallyEvents(
      {
        ...none,
        fans: [
          { _id: 'f1', firstStoreId: 'st01', capturingStaffId: 'sf01', channel: 'shared_card', createdAt: FIRST_SECOND_11TH },
          // came in by the store code, later bound to sf02 (which then became its capturing staff)
          { _id: 'f2', firstStoreId: 'st01', capturingStaffId: 'sf02', channel: 'store_code', createdAt: FIRST_SECOND_11TH }
        ],
        visits: [
          { fanId: 'f1', storeId: 'st01', servingStaffId: 'sf01', at: FIRST_SECOND_11TH },
          { fanId: 'f2', storeId: 'st01', servingStaffId: null, at: FIRST_SECOND_11TH }
        ],
        coupons: [
          { fanId: 'f1', storeId: 'st01', ownerStaffId: 'sf01', issuedBy: 'checkin', issuedAt: FIRST_SECOND_11TH },
          { fanId: 'f2', storeId: 'st01', ownerStaffId: 'sf02', issuedBy: 'checkin', issuedAt: FIRST_SECOND_11TH },
          { fanId: 'f1', storeId: 'st01', ownerStaffId: 'sf01', issuedBy: 'mg01', issuedAt: FIRST_SECOND_11TH }
        ],
        redemptions: [
          { storeId: 'st01', servingStaffId: 'sf02', at: FIRST_SECOND_11TH },
          { storeId: 'st01', servingStaffId: 'sf02', at: FIRST_SECOND_11TH, undoneAt: FIRST_SECOND_11TH + 60_000 }
        ]
      },
      new Map()
    )
    expect(figures(rows.get('2026-11-11.st01.sf01')!.tally)).toMatchObject({ newFans: 1, couponsIssued: 1, byChannel: { shared_card: 1 } })
    expect(figures(rows.get('2026-11-11.st01.-')!.tally)).toMatchObject({ newFans: 1, couponsIssued: 2, byChannel: { store_code: 1 } })
    expect(rows.get('2026-11-11.st01.sf02')?.tally[T.newFans]).toBe(0)
    expect(rows.get('2026-11-11.st01.sf02')?.tally[T.couponsRedeemed]).toBe(1)
  })

  it('tells first purchases from repurchases in time order, counting purchases made before the range', () => {
    const sale = (fanId: string, at: number, amountFen: number, servingStaffId: string | null) => ({ fanId, storeId: 'st01', amountFen, at, servingStaffId })
    const purchases = new Map([['f1', 1]])
    const rows = tallyEvents(
      { ...none, sales: [sale('f1', FIRST_SECOND_11TH, 2000, null), sale('f1', LAST_SECOND_10TH, 3000, 'sf02'), sale('f2', FIRST_SECOND_11TH, 900, null)] },
      purchases
    )
    // f1 bought once before: the 10th's sale is its second purchase, the 11th's its third; f2 buys for the first time.
    expect(figures(rows.get('2026-11-10.st01.sf02')!.tally)).toMatchObject({ sales: 1, salesFen: 3000, firstPurchases: 0, repurchases: 1, repurchaseFen: 3000 })
    expect(figures(rows.get('2026-11-11.st01.-')!.tally)).toMatchObject({ sales: 2, salesFen: 2900, firstPurchases: 1, repurchases: 1, repurchaseFen: 2000 })
    expect(purchases).toEqual(
      new Map([
        ['f1', 3],
        ['f2', 1]
      ])
    )
  })
})
