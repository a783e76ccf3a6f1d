import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }

weappSpec('wallet, redemption at the till and sales on weapp (journeys 3 and 6)', (s) => {
  it('the shopper shows the welcome coupon; the staff member scans it and redeems it with an amount; the wallet shows it used', async () => {
    const staffCode = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `weapp-wallet-${Date.now()}`
    const checkin = await s.cloud.call<Ok<{ couponsIssued: Array<{ code: string; title: string }> }>>('checkin', { scene: staffCode.data.scene }, shopper)
    const { code, title } = checkin.data.couponsIssued[0]

    const wallet = await s.open({ persona: shopper, path: 'pages/wallet/index' })
    await wallet.page.waitFor('.wallet-usable .coupon-card')
    expect(await wallet.page.text()).toContain(title)
    await wallet.page.waitFor('.coupon-code-qr')
    expect((await (await wallet.page.$('.coupon-code-text'))!.text()).replace(/\s/g, '')).toBe(code)
    expect((await wallet.page.$$('.coupon-code-dark')).length).toBeGreaterThan(100)

    const till = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/redeem/index' })
    await till.page.waitFor('.redeem-scan')
    // the camera reads the coupon's QR
    await till.mp.mockWxMethod('scanCode', { result: code, scanType: 'QR_CODE', charSet: 'utf-8' })
    await (await till.page.$('.redeem-scan'))!.tap()
    await till.page.waitFor('.redeem-verdict-ok')
    expect(await (await till.page.$('.redeem-input'))!.value()).toBe(code)
    expect(await till.page.text()).toContain('王芳')
    await (await till.page.$('.redeem-amount'))!.input('46.80')
    await (await till.page.$('.redeem-confirm'))!.tap()
    await till.page.waitFor('.redeem-result')
    expect(await (await till.page.$('.redeem-result'))!.text()).toContain('消费 ¥46.80，已计入销售')

    // a second look-up of the same code is refused, saying when it was used
    await (await till.page.$('.redeem-lookup'))!.tap()
    await till.page.waitFor('.redeem-verdict-no')
    expect(await (await till.page.$('.redeem-reason'))!.text()).toMatch(/已于 .* 使用，不能重复核销/)

    // pull-down refresh on the wallet shows it used
    await wallet.page.callMethod('onPullDownRefresh')
    await wallet.page.waitFor('.wallet-used .coupon-card-used')
    expect(await wallet.page.$('.wallet-usable')).toBeNull()
  })

  it('a cancelled scan leaves the till usable: the code is typed instead', async () => {
    const staffCode = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const checkin = await s.cloud.call<Ok<{ couponsIssued: Array<{ code: string }> }>>('checkin', { scene: staffCode.data.scene }, `weapp-typed-${Date.now()}`)
    const { mp, page } = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/redeem/index' })
    await page.waitFor('.redeem-scan')
    await mp.mockWxMethod('scanCode', { errMsg: 'scanCode:fail cancel' })
    await (await page.$('.redeem-scan'))!.tap()
    await page.waitFor(200)
    expect(await page.$('.redeem-error')).toBeNull()
    expect(await (await page.$('.redeem-input'))!.attribute('placeholder')).toBe('输入顾客出示的 8 位券码')
    await (await page.$('.redeem-input'))!.input(checkin.data.couponsIssued[0].code.toLowerCase())
    await (await page.$('.redeem-lookup'))!.tap()
    await page.waitFor('.redeem-verdict-ok')
  })

  it('staff record a sale by scanning the member code; the shopper sees it in the history', async () => {
    const session = await s.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, 'demo-shopper-1')
    const memberCode = session.data.fan.memberCode
    const till = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/sale/index' })
    await till.page.waitFor('.sale-scan')
    await till.mp.mockWxMethod('scanCode', { errMsg: 'scanCode:fail cancel' })
    await (await till.page.$('.sale-scan'))!.tap()
    await till.page.waitFor(100)
    expect(await (await till.page.$('.sale-member-code'))!.value()).toBe('')
    await till.mp.mockWxMethod('scanCode', { result: ` ${memberCode} `, scanType: 'QR_CODE' })
    await (await till.page.$('.sale-scan'))!.tap()
    await till.page.waitFor(async () => (await (await till.page.$('.sale-member-code'))!.value()) === memberCode)
    await (await till.page.$('.sale-amount'))!.input('168.50')
    await (await till.page.$('.sale-confirm'))!.tap()
    await till.page.waitFor('.sale-done')
    expect(await (await till.page.$('.sale-done'))!.text()).toContain(`会员 ${memberCode} · ¥168.50`)
    expect(await (await till.page.$('.sale-done'))!.text()).toContain('复购（老顾客再次消费）')

    const me = await s.open({ persona: 'demo-shopper-1', path: 'pages/me/index' })
    await me.page.waitFor('.purchase-row')
    expect(await (await me.page.$('.purchase-row'))!.text()).toContain('¥168.50')
  })
})
