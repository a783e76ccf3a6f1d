import type { TemplateFields } from '../../src/contract/coupons'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(async () => {
  await t.stop()
})

const GIFT: TemplateFields = {
  title: '老友回店礼 免费曲奇',
  kind: 'gift',
  value: 0,
  thresholdFen: 0,
  validity: { type: 'fixed', from: Date.UTC(2026, 0, 1, 4), until: Date.UTC(2030, 11, 31, 4) },
  stock: 10,
  perFanLimit: 2,
  trigger: 'manual',
  storeIds: ['st02'],
  paused: false
}

async function fan(openid: string, store = 'st02'): Promise<string> {
  expectOk(await t.call('checkin', { scene: t.scene('store', store) }, openid))
  return expectOk(await t.call('session', {}, openid)).fan?.memberCode ?? ''
}

describe('coupon templates and manual issue', () => {
  it('lists templates with issued and redeemed figures and the stores to choose from', async () => {
    const { code } = expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'tpl-fan')).couponsIssued[0]
    expectOk(await t.call('redeemCoupon', { code }, 'demo-staff-1'))
    const list = expectOk(await t.call('couponTemplates', {}, 'demo-manager'))
    expect(list.templates.find((x) => x.templateId === 'tpl-welcome')).toMatchObject({ issued: 0, redeemed: 1, stock: null })
    expect(list.stores).toHaveLength(6)
  })

  it('creates a template with whole China days, issues by member code idempotently, enforces the per-fan limit', async () => {
    const saved = expectOk(await t.call('saveCouponTemplate', { template: GIFT }, 'demo-store-manager')).template
    // 2030-12-31 through 23:59:59.999 China time.
    expect(saved.validity).toEqual({ type: 'fixed', from: Date.UTC(2025, 11, 31, 16), until: Date.UTC(2030, 11, 31, 16) - 1 })
    const member = await fan('gift-fan')
    const first = expectOk(
      await t.call('issueCoupon', { templateId: saved.templateId, memberCode: member.toLowerCase(), requestId: 'r1' }, 'demo-store-manager')
    )
    expect(first).toMatchObject({ created: true, coupon: { kind: 'gift', state: 'usable' } })
    const repeat = expectOk(await t.call('issueCoupon', { templateId: saved.templateId, memberCode: member, requestId: 'r1' }, 'demo-store-manager'))
    expect(repeat).toMatchObject({ created: false, coupon: { couponId: first.coupon.couponId } })
    expectOk(await t.call('issueCoupon', { templateId: saved.templateId, memberCode: member, requestId: 'r2' }, 'demo-manager'))
    const third = await t.call('issueCoupon', { templateId: saved.templateId, memberCode: member, requestId: 'r3' }, 'demo-manager')
    expect(third).toMatchObject({ ok: false, code: 'CONFLICT', message: '该顾客已达到此券的每人限领数量' })
    expect(await t.call('issueCoupon', { templateId: saved.templateId, memberCode: 'NOSUCHCODE', requestId: 'r4' }, 'demo-manager')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
    expect(await t.call('issueCoupon', { templateId: saved.templateId, memberCode: member, requestId: 'r5' }, 'demo-staff-1')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    const lower = await t.call('saveCouponTemplate', { templateId: saved.templateId, template: { ...GIFT, stock: 1 } }, 'demo-store-manager')
    expect(lower).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '库存不能少于已发放的 2 张' })
    expect((await t.cloud.db.api().collection('coupons').where({ templateId: saved.templateId }).get()).data.map((c) => c.issuedBy).sort()).toEqual([
      'mg01',
      'mg02'
    ])
  })

  it('editing never changes issued coupons; pausing stops issuing and redeeming', async () => {
    const { templateId } = expectOk(
      await t.call('saveCouponTemplate', { template: { ...GIFT, storeIds: null, kind: 'amount_off', value: 500, title: '五元券' } }, 'demo-manager')
    ).template
    const member = await fan('edit-fan', 'st01')
    const issued = expectOk(await t.call('issueCoupon', { templateId, memberCode: member, requestId: 'a' }, 'demo-manager')).coupon
    const edited = { ...GIFT, storeIds: ['st03'], kind: 'amount_off' as const, value: 800, title: '八元券', validity: { type: 'days' as const, days: 3 } }
    const after = expectOk(await t.call('saveCouponTemplate', { templateId, template: edited }, 'demo-manager')).template
    expect(after).toMatchObject({ title: '八元券', value: 800, validity: { type: 'days', days: 3 }, issued: 1 })
    const wallet = expectOk(await t.call('wallet', {}, 'edit-fan'))
    expect(wallet.usable.find((c) => c.couponId === issued.couponId)).toMatchObject({
      title: '五元券',
      value: 500,
      storeNames: null,
      validUntil: issued.validUntil
    })

    expectOk(await t.call('saveCouponTemplate', { templateId, template: { ...edited, paused: true } }, 'demo-manager'))
    expect(await t.call('issueCoupon', { templateId, memberCode: member, requestId: 'b' }, 'demo-manager')).toMatchObject({
      ok: false,
      message: '该券模板已暂停发放'
    })
    expect(await t.call('redeemCoupon', { code: issued.code }, 'demo-staff-1')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '这张券所属的活动已暂停，暂不能核销'
    })
  })

  it('keeps store managers to their own stores, and refuses templates that make no sense', async () => {
    expect(await t.call('saveCouponTemplate', { template: { ...GIFT, storeIds: null } }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('saveCouponTemplate', { template: { ...GIFT, storeIds: ['st01'] } }, 'demo-store-manager')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await t.call('saveCouponTemplate', { templateId: 'tpl-welcome', template: GIFT }, 'demo-store-manager')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await t.call('saveCouponTemplate', { template: { ...GIFT, storeIds: ['st99'] } }, 'demo-manager')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '没有这些门店：st99'
    })
    expect(await t.call('saveCouponTemplate', { template: { ...GIFT, kind: 'percent_off', value: 100 } }, 'demo-manager')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT'
    })
    expect(
      await t.call(
        'saveCouponTemplate',
        { template: { ...GIFT, validity: { type: 'fixed', from: Date.UTC(2027, 0, 2), until: Date.UTC(2027, 0, 1) } } },
        'demo-manager'
      )
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await t.call('saveCouponTemplate', { template: GIFT }, 'demo-staff-3')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const own = expectOk(await t.call('couponTemplates', {}, 'demo-store-manager')).templates.map((x) => x.templateId)
    expect(own).toEqual(expect.arrayContaining(['tpl-welcome', 'tpl-group']))
  })
})
