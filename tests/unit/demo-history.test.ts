import { COUNTER_FIELDS } from '../../src/domain/counter-fields'
import { buildHistory } from '../../src/localcloud/demo/history'

/** The demo must look like the event paths wrote it: every counter figure equals what its events add up to. */
describe('demo history', () => {
  const h = buildHistory(Date.UTC(2026, 10, 23, 4, 0, 0))
  const sum = (field: (typeof COUNTER_FIELDS)[number]) => h.counters.reduce((n, c) => n + (c[field] ?? 0), 0)
  const buyers = new Set(h.sales.map((s) => s.fanId))

  it('has counters equal to its fans, visits, coupons, redemptions and sales', () => {
    expect(sum('newFans')).toBe(h.fans.length)
    expect(sum('visits')).toBe(h.visits.length)
    expect(sum('couponsIssued')).toBe(h.coupons.length)
    expect(sum('couponsRedeemed')).toBe(h.coupons.filter((c) => c.redeemedAt !== null).length)
    expect(sum('couponsRedeemed')).toBe(h.redemptions.length)
    expect(sum('sales')).toBe(h.sales.length)
    expect(sum('salesFen')).toBe(h.sales.reduce((n, s) => n + s.amountFen, 0))
    expect(sum('firstPurchases')).toBe(buyers.size)
    expect(sum('repurchases')).toBe(h.sales.length - buyers.size)
    expect(sum('groupJoins')).toBe(h.groupMembers.length)
  })

  it("stamps each fan who joined their own store's group, so the group share counts them", () => {
    const joined = new Set(h.groupMembers.map((m) => m.fanId))
    const stamped = h.fans.filter((f) => (f as { homeGroupJoinedAt?: number }).homeGroupJoinedAt)
    expect(stamped.map((f) => f._id).sort()).toEqual([...joined].sort())
    expect(h.groupMembers.every((m) => h.fans.find((f) => f._id === m.fanId)?.firstStoreId === m.storeId)).toBe(true)
    expect(joined.size).toBeGreaterThan(h.fans.length * 0.2)
  })

  it('keeps one purchase summary per buyer, agreeing with their sales', () => {
    expect(h.fanPurchases.map((p) => p._id).sort()).toEqual([...buyers].sort())
    for (const p of h.fanPurchases.slice(0, 50)) {
      const mine = h.sales.filter((s) => s.fanId === p._id)
      expect(p.purchases).toBe(mine.length)
      expect(p.firstPurchaseAt).toBe(Math.min(...mine.map((s) => s.at)))
      expect(p.lastPurchaseAt).toBe(Math.max(...mine.map((s) => s.at)))
    }
  })

  it('has something to show: 60 days of fans at six stores, some coming back to buy again', () => {
    expect(new Set(h.fans.map((f) => f.firstStoreId)).size).toBe(6)
    expect(h.fans.length).toBeGreaterThan(1000)
    expect(h.sales.length - buyers.size).toBeGreaterThan(100)
  })
})
