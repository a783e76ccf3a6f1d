import { e2eSession, pageAs, screenshot, settledCount } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }

describe('#18 as staff and shoppers see it', () => {
  it('#18.8 #18.25 我的粉丝 → 加载更多 reaches every fan, including a handed-over batch that shares one boundAt', async () => {
    // 刘洋 (sf04) leaves; 陈静 hands her fans to 张伟 (sf03) in batches: each batch shares one boundAt
    let remaining = 1
    let moved = 0
    while (remaining > 0) {
      const r = await e2e.cloud.call<Ok<{ moved: number; remaining: number }>>(
        'transferFans',
        { fromStaffId: 'sf04', toStaffId: 'sf03', deactivate: true },
        'demo-manager'
      )
      expect(r.ok).toBe(true)
      moved += r.data.moved
      remaining = r.data.remaining
    }
    expect(moved).toBeGreaterThan(20)
    const first = await e2e.cloud.call<Ok<{ total: number }>>('myFans', { limit: 1 }, 'demo-staff-3')
    const total = first.data.total
    expect(total).toBeGreaterThan(40)

    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-3')
    await page.goto(`${e2e.cloud.url}/#/staff/pages/fans/index`)
    await page.locator('.fan-row').first().waitFor()
    expect(Number(await page.locator('.fans-total').innerText())).toBe(total)
    for (let i = 0; i < 50 && (await page.locator('.fans-more').count()) > 0; i++) {
      const shown = await page.locator('.fan-row').count()
      await page.locator('.fans-more').click()
      // the next page arrives, or the page says why not (the defect: "参数不正确（before）")
      await page.waitForFunction((n) => document.querySelectorAll('.fan-row').length > n || !!document.querySelector('.fans-more-error'), shown)
      expect(await page.locator('.fans-more-error').count()).toBe(0)
    }
    await page.locator('.fans-end').waitFor()
    expect(await settledCount(page, '.fan-row', total)).toBe(total)
    const codes = await page.locator('.fan-code').allInnerTexts()
    expect(new Set(codes).size).toBe(total)
    await screenshot(page, 'issue18-fans-paged-to-the-end')
  })

  it('#18.2 a shopper who deleted their data and scans again gets new codes, no used coupon back, no second welcome gift', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `e2e-former-${Date.now()}`
    const page = await pageAs(e2e.browser, e2e.cloud.url, shopper)
    const scan = `${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}`
    await page.goto(scan)
    await page.locator('.checkin-welcome').waitFor()
    expect(await page.locator('.coupon-card').count()).toBe(1)
    const before = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    const wallet = await e2e.cloud.call<Ok<{ usable: Array<{ code: string }> }>>('wallet', {}, shopper)
    const couponCode = wallet.data.usable[0].code
    const redeemed = await e2e.cloud.call<Ok<unknown>>('redeemCoupon', { code: couponCode, amountFen: 3800 }, 'demo-staff-1')
    expect(redeemed).toMatchObject({ ok: true })
    const fansBefore = (await e2e.cloud.call<Ok<{ total: number }>>('myFans', { limit: 1 }, 'demo-staff-1')).data.total

    // 我的 → 删除我的数据 (the page calls again until done)
    await page.goto(`${e2e.cloud.url}/#/pages/me/index`)
    await page.locator('.me-privacy-delete').click()
    await page.locator('.privacy-delete-confirm').click()
    await page.getByText('您的数据已删除').waitFor()

    // the same staff code again
    await page.goto(scan)
    await page.locator('.checkin-welcome, .checkin-welcome-back').first().waitFor()
    await page.waitForLoadState('networkidle')
    expect(await page.locator('.coupon-card').count()).toBe(0)
    await screenshot(page, 'issue18-former-fan-scans-again')
    const after = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    expect(after.data.fan.memberCode).not.toBe(before.data.fan.memberCode)

    // the wallet has nothing usable, and the old till code is not a coupon of theirs any more
    await page.goto(`${e2e.cloud.url}/#/pages/wallet/index`)
    await page.locator('.wallet-hero').waitFor()
    expect(await page.locator('.wallet-hero .hero-title').innerText()).toBe('0 张可用')
    expect(await page.getByText(couponCode).count()).toBe(0)
    // and the staff member is not credited with a new fan for it
    const fansAfter = (await e2e.cloud.call<Ok<{ total: number }>>('myFans', { limit: 1 }, 'demo-staff-1')).data.total
    expect(fansAfter).toBe(fansBefore)
  })
})
