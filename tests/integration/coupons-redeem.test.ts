import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

/** A day's counter row: its shard documents summed (a busy row is several documents, #20). */
const summed = (rows: Array<Record<string, unknown>>): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v
  return out
}

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(async () => {
  await t.stop()
})

/** A new fan of sf01 at st01 with the welcome coupon; answers the coupon's till code. */
async function welcomeCoupon(openid: string): Promise<{ code: string; couponId: string }> {
  const r = expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, openid))
  return { code: r.couponsIssued[0].code, couponId: r.couponsIssued[0].couponId }
}
const api = () => t.cloud.db.api()

describe('redeeming a coupon at the till', () => {
  it('shows the welcome coupon in the wallet, previews it, redeems it with an amount and records everything once', async () => {
    const { code, couponId } = await welcomeCoupon('fan-a')
    const before = expectOk(await t.call('wallet', {}, 'fan-a'))
    expect(before.usable.map((c) => c.code)).toEqual([code])

    const preview = expectOk(await t.call('couponPreview', { code: code.toLowerCase() }, 'demo-staff-1'))
    expect(preview).toMatchObject({ usable: true, reason: null, storeName: '静安寺店', fan: { visits: 1, ownerStaff: { staffId: 'sf01' } } })

    const r = expectOk(await t.call('redeemCoupon', { code, amountFen: 4200 }, 'demo-staff-2'))
    expect(r).toMatchObject({ amountFen: 4200, saleRecorded: true, coupon: { state: 'used' } })
    expect(r.undoUntil - r.at).toBe(5 * 60_000)

    const redemption = (await api().collection('redemptions').doc(r.redemptionId).get()).data as Record<string, unknown>
    expect(redemption).toMatchObject({
      couponId,
      fanId: 'fan-a',
      storeId: 'st01',
      servingStaffId: 'sf02',
      ownerStaffId: 'sf01',
      amountFen: 4200,
      undoneAt: null
    })
    const sales = (await api().collection('sales').where({ idempotencyKey: couponId }).get()).data
    expect(sales).toEqual([
      expect.objectContaining({ fanId: 'fan-a', storeId: 'st01', amountFen: 4200, source: 'coupon', ownerStaffId: 'sf01', servingStaffId: 'sf02' })
    ])
    const counters = (await api().collection('counters').where({ storeId: 'st01', staffId: 'sf02' }).get()).data
    expect(counters).toEqual([expect.objectContaining({ couponsRedeemed: 1, sales: 1, salesFen: 4200 })])

    const after = expectOk(await t.call('wallet', {}, 'fan-a'))
    expect(after.usable).toEqual([])
    expect(after.used).toEqual([expect.objectContaining({ code, state: 'used', redeemedAt: r.at })])

    const again = await t.call('redeemCoupon', { code }, 'demo-staff-1')
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(!again.ok && again.message).toMatch(/已于 .* 使用，不能重复核销/)
    const seen = expectOk(await t.call('couponPreview', { code }, 'demo-staff-1'))
    expect(seen).toMatchObject({ usable: false, reason: 'used', lastRedemption: { staffName: '李娜', storeName: '静安寺店' } })
  })

  it('redeems without an amount: no sale, the redemption still counted', async () => {
    const { code } = await welcomeCoupon('fan-b')
    const r = expectOk(await t.call('redeemCoupon', { code }, 'demo-staff-1'))
    expect(r).toMatchObject({ amountFen: null, saleRecorded: false })
    expect(await t.count('sales', { fanId: 'fan-b' })).toBe(0)
    expect(await t.count('redemptions', { fanId: 'fan-b' })).toBe(1)
  })

  it('refuses a shopper, staff of a store that does not accept it, and unknown or malformed codes — writing nothing', async () => {
    const { code, couponId } = await welcomeCoupon('fan-c')
    await api()
      .collection('coupons')
      .doc(couponId)
      .update({ data: { storeIds: ['st01'] } })
    // Refused attempts are counted for the rate limits on purpose; nothing else may change.
    const before = t.cloud.db.snapshot({ except: ['rateLimits'] })
    expect(await t.call('redeemCoupon', { code }, 'fan-c')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('redeemCoupon', { code }, 'some-other-shopper')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('couponPreview', { code }, 'fan-c')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('redeemCoupon', { code }, 'demo-staff-3')).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '这张券不适用于本门店' })
    expect(expectOk(await t.call('couponPreview', { code }, 'demo-staff-3'))).toMatchObject({ usable: false, reason: 'store_not_accepted' })
    expect(await t.call('redeemCoupon', { code: '22222222' }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await t.call('redeemCoupon', { code: 'UUUU!!' }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(t.cloud.db.snapshot({ except: ['rateLimits'] })).toEqual(before)
  })

  it('refuses an inactive staff member, an expired coupon, a paused template and a sale under the threshold, precisely', async () => {
    const { code, couponId } = await welcomeCoupon('fan-d')
    await api()
      .collection('staff')
      .doc('sf02')
      .update({ data: { active: false } })
    expect(await t.call('redeemCoupon', { code }, 'demo-staff-2')).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    const under = await t.call('redeemCoupon', { code, amountFen: 2999 }, 'demo-staff-1')
    expect(under).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '消费满¥30.00才能使用，本单¥29.99' })

    await api()
      .collection('couponTemplates')
      .doc('tpl-welcome')
      .update({ data: { paused: true } })
    expect(await t.call('redeemCoupon', { code }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'CONFLICT', message: '这张券所属的活动已暂停，暂不能核销' })
    expect(expectOk(await t.call('wallet', {}, 'fan-d')).usable[0].paused).toBe(true)
    await api()
      .collection('couponTemplates')
      .doc('tpl-welcome')
      .update({ data: { paused: false } })

    // Valid until 2025-01-31 23:59:59.999 China time, i.e. 15:59:59.999 UTC.
    await api()
      .collection('coupons')
      .doc(couponId)
      .update({ data: { validFrom: 0, validUntil: Date.UTC(2025, 0, 31, 15, 59, 59, 999) } })
    const expired = await t.call('redeemCoupon', { code }, 'demo-staff-1')
    expect(expired).toMatchObject({ ok: false, code: 'CONFLICT', message: '这张券已于 2025-01-31 23:59 过期' })
    expect(expectOk(await t.call('wallet', {}, 'fan-d')).expired).toHaveLength(1)
    expect(await t.count('redemptions', { fanId: 'fan-d' })).toBe(0)
  })

  it('lets the same staff member undo within 5 minutes: counters and the sale reversed, the undo recorded, the coupon usable again', async () => {
    const { code, couponId } = await welcomeCoupon('fan-e')
    const r = expectOk(await t.call('redeemCoupon', { code, amountFen: 5000 }, 'demo-staff-1'))
    expect(await t.call('undoRedemption', { redemptionId: r.redemptionId }, 'demo-staff-2')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const undone = expectOk(await t.call('undoRedemption', { redemptionId: r.redemptionId }, 'demo-staff-1'))
    expect(undone.coupon.state).toBe('usable')
    expect(await t.call('undoRedemption', { redemptionId: r.redemptionId }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await t.count('sales', { idempotencyKey: couponId })).toBe(0)
    expect(await t.count('redemptions', { couponId, undoneBy: 'sf01' })).toBe(1)
    const row = summed((await api().collection('counters').where({ storeId: 'st01', staffId: 'sf01' }).get()).data)
    expect(row).toMatchObject({ couponsRedeemed: 0, sales: 0, salesFen: 0 })

    // Redeemed again: a second redemption record and a fresh sale under the same idempotency key.
    const second = expectOk(await t.call('redeemCoupon', { code, amountFen: 3600 }, 'demo-staff-1'))
    expect(second.redemptionId).not.toBe(r.redemptionId)
    expect(await t.count('sales', { idempotencyKey: couponId })).toBe(1)

    await api()
      .collection('redemptions')
      .doc(second.redemptionId)
      .update({ data: { at: second.at - 5 * 60_000 - 1 } })
    const late = await t.call('undoRedemption', { redemptionId: second.redemptionId }, 'demo-staff-1')
    expect(late).toMatchObject({ ok: false, code: 'CONFLICT', message: '核销已超过 5 分钟，不能撤销' })
    expect(await t.call('undoRedemption', { redemptionId: 'rd_nothing' }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('a redemption with an amount is a purchase', () => {
  const sf02Row = async () => summed((await api().collection('counters').where({ storeId: 'st01', staffId: 'sf02' }).get()).data)

  it('counts as the fan’s first purchase; undone, it is taken back and the next sale is the first', async () => {
    const { code } = await welcomeCoupon('fan-p')
    const r = expectOk(await t.call('redeemCoupon', { code, amountFen: 3000 }, 'demo-staff-2'))
    expect(await sf02Row()).toMatchObject({ sales: 1, salesFen: 3000, firstPurchases: 1, repurchases: 0 })
    expectOk(await t.call('undoRedemption', { redemptionId: r.redemptionId }, 'demo-staff-2'))
    expect(await sf02Row()).toMatchObject({ couponsRedeemed: 0, sales: 0, salesFen: 0, firstPurchases: 0, repurchases: 0 })
    const { fan } = expectOk(await t.call('session', {}, 'fan-p'))
    const sale = expectOk(await t.call('recordSale', { memberCode: fan?.memberCode as string, amountFen: 5000, requestId: 'after-undo' }, 'demo-staff-2'))
    expect(sale.repurchase).toBe(false)
    expect(await sf02Row()).toMatchObject({ sales: 1, salesFen: 5000, firstPurchases: 1, repurchases: 0 })
  })

  it('for a fan whose earlier sales have no summary (bought before summaries existed), is a repurchase and the summary counts them', async () => {
    const { code } = await welcomeCoupon('fan-r')
    const day = 24 * 3600_000
    const legacy = (id: string, at: number, storeId: string) => ({
      _id: id,
      fanId: 'fan-r',
      storeId,
      amountFen: 2000,
      at,
      dayKey: new Date(at + 8 * 3600_000).toISOString().slice(0, 10),
      ownerStaffId: 'sf01',
      servingStaffId: 'sf01',
      source: 'staff',
      idempotencyKey: id
    })
    const firstAt = Date.now() - 30 * day
    for (const s of [legacy('old-2', Date.now() - 10 * day, 'st01'), legacy('old-1', firstAt, 'st02')]) await api().collection('sales').add({ data: s })
    const r = expectOk(await t.call('redeemCoupon', { code, amountFen: 3000 }, 'demo-staff-2'))
    expect(await sf02Row()).toMatchObject({ sales: 1, salesFen: 3000, firstPurchases: 0, repurchases: 1, repurchaseFen: 3000 })
    const summary = (await api().collection('fanPurchases').doc('fan-r').get()).data as Record<string, unknown>
    expect(summary).toMatchObject({ purchases: 3, totalFen: 3000, firstPurchaseAt: firstAt, firstStoreId: 'st02', lastPurchaseAt: r.at })
  })

  it('after a coupon purchase, a staff sale is a repurchase', async () => {
    const { code } = await welcomeCoupon('fan-q')
    expectOk(await t.call('redeemCoupon', { code, amountFen: 3000 }, 'demo-staff-2'))
    const { fan } = expectOk(await t.call('session', {}, 'fan-q'))
    const sale = expectOk(await t.call('recordSale', { memberCode: fan?.memberCode as string, amountFen: 5000, requestId: 'after-coupon' }, 'demo-staff-2'))
    expect(sale.repurchase).toBe(true)
    expect(await sf02Row()).toMatchObject({ sales: 2, salesFen: 8000, firstPurchases: 1, repurchases: 1, repurchaseFen: 5000 })
  })
})
