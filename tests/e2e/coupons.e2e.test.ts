import type { Page } from 'playwright-core'
import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }

/** Taro's H5 <Input> is a custom element around a real <input>. */
const typeInto = (page: Page, className: string, text: string) => page.locator(`.${className} input`).fill(text)

describe('coupons: wallet, redemption at the till, wallet again (journey 3)', () => {
  it('the shopper shows the welcome coupon, the staff member redeems it with an amount, the wallet shows it used', async () => {
    const staffCode = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `e2e-wallet-${Date.now()}`
    const checkin = await e2e.cloud.call<Ok<{ couponsIssued: Array<{ code: string; title: string }> }>>('checkin', { scene: staffCode.data.scene }, shopper)
    const { code, title } = checkin.data.couponsIssued[0]

    const wallet = await pageAs(e2e.browser, e2e.cloud.url, shopper)
    await wallet.goto(`${e2e.cloud.url}/#/pages/wallet/index`)
    await wallet.locator('.wallet-usable .coupon-card').first().waitFor()
    await wallet.getByText(title).first().waitFor()
    // The only usable coupon opens with its QR and its code in large type.
    await wallet.locator('.coupon-code-qr').waitFor()
    expect((await wallet.locator('.coupon-code-text').innerText()).replace(/\s/g, '')).toBe(code)
    expect(await wallet.locator('.coupon-code-dark').count()).toBeGreaterThan(100)
    expect(await wallet.locator('.wallet-used').count()).toBe(0)
    await screenshot(wallet, 'wallet-before')

    const till = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await till.goto(`${e2e.cloud.url}/#/staff/pages/redeem/index`)
    await till.locator('.redeem-input').waitFor()
    expect(await till.locator('.redeem-scan').count()).toBe(0) // H5 types the code; weapp scans
    await typeInto(till, 'redeem-input', code.toLowerCase())
    await till.locator('.redeem-lookup').click()
    await till.locator('.redeem-verdict-ok').waitFor()
    await till.getByText('王芳').first().waitFor() // the fan's own staff member
    await screenshot(till, 'redeem-preview')

    await typeInto(till, 'redeem-amount', '46.80')
    await till.locator('.redeem-confirm').click()
    await till.locator('.redeem-result').waitFor()
    await till.getByText('消费 ¥46.80，已计入销售').waitFor()
    await screenshot(till, 'redeem-done')

    // A second attempt at the same code is refused, saying when it was used.
    await till.locator('.redeem-lookup').click()
    await till.locator('.redeem-verdict-no').waitFor()
    expect(await till.locator('.redeem-reason').innerText()).toMatch(/已于 .* 使用，不能重复核销/)
    await screenshot(till, 'redeem-already-used')

    await wallet.locator('.wallet-refresh').click()
    await wallet.locator('.wallet-used .coupon-card-used').waitFor()
    expect(await wallet.locator('.wallet-usable').count()).toBe(0)
    await wallet.getByText(/使用于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor()
    await screenshot(wallet, 'wallet-after')
  })

  it('a staff member of a store the coupon does not accept is told so before anything is written', async () => {
    const shopper = `e2e-other-store-${Date.now()}`
    const staffCode = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const checkin = await e2e.cloud.call<Ok<{ couponsIssued: Array<{ code: string }> }>>('checkin', { scene: staffCode.data.scene }, shopper)
    const { templateId } = (
      await e2e.cloud.call<Ok<{ template: { templateId: string } }>>(
        'saveCouponTemplate',
        {
          template: {
            title: '静安寺店专享',
            kind: 'amount_off',
            value: 500,
            thresholdFen: 0,
            validity: { type: 'days', days: 7 },
            stock: 10,
            perFanLimit: 1,
            trigger: 'manual',
            storeIds: ['st01'],
            paused: false
          }
        },
        'demo-manager'
      )
    ).data.template
    const session = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    const issued = await e2e.cloud.call<Ok<{ coupon: { code: string } }>>(
      'issueCoupon',
      { templateId, memberCode: session.data.fan.memberCode, requestId: 'e2e-1' },
      'demo-manager'
    )
    expect(checkin.ok && issued.ok).toBe(true)

    const till = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-3') // 张伟, 人民广场店
    await till.goto(`${e2e.cloud.url}/#/staff/pages/redeem/index`)
    await typeInto(till, 'redeem-input', issued.data.coupon.code)
    await till.locator('.redeem-lookup').click()
    await till.locator('.redeem-verdict-no').waitFor()
    expect(await till.locator('.redeem-reason').innerText()).toBe('这张券不适用于本门店')
    expect(await till.locator('.redeem-confirm').count()).toBe(0)
    await screenshot(till, 'redeem-wrong-store')
  })

  it('the manager creates a template in the form and issues it to a fan by member code', async () => {
    const shopper = `e2e-manual-${Date.now()}`
    const store = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    await e2e.cloud.call('checkin', { scene: store.data.scene }, shopper)
    const session = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    const title = `周末回店礼${Date.now() % 10000}`

    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/coupons/index`)
    await page.getByText('新粉专享 满30减10').first().waitFor()
    await page.locator('.tpl-new').click()
    await typeInto(page, 'tpl-title', title)
    await typeInto(page, 'tpl-value', '8')
    await typeInto(page, 'tpl-threshold', '50')
    await typeInto(page, 'tpl-stock', '20')
    await screenshot(page, 'manager-template-form')
    await page.locator('.tpl-save').click()
    await page.getByText(title).first().waitFor()
    await page.getByText('已发 0 / 20').first().waitFor()

    await page.locator('.tpl-row', { hasText: title }).locator('.tpl-issue').click()
    await typeInto(page, 'issue-member-code', session.data.fan.memberCode)
    await page.locator('.issue-submit').click()
    await page
      .locator('.issue-note')
      .getByText(/已发放/)
      .waitFor()
    await page.getByText('已发 1 / 20').first().waitFor()
    await screenshot(page, 'manager-coupon-templates')

    const wallet = await e2e.cloud.call<Ok<{ usable: Array<{ title: string }> }>>('wallet', {}, shopper)
    expect(wallet.data.usable.map((c) => c.title)).toContain(title)
  })
})
