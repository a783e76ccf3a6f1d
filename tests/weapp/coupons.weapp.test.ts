import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }

weappSpec('coupon templates and repurchase on weapp (journeys 3 and 6, manager side)', (s) => {
  it('the manager creates a percent-off template with the form’s radios and switches, and issues it by member code', async () => {
    const shopper = `weapp-manual-${Date.now()}`
    const code = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    await s.cloud.call('checkin', { scene: code.data.scene }, shopper)
    const session = await s.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    const title = `小程序回店礼${Date.now() % 10000}`

    const { page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/coupons/index' })
    await page.waitFor('.tpl-row')
    await (await page.$('.tpl-new'))!.tap()
    await page.waitFor('.tpl-form')
    await (await page.$('.tpl-form .tpl-title'))!.input(title)
    await (await page.$('.tpl-form radio-group'))!.trigger('change', { value: 'percent_off' })
    await page.waitFor(async () => (await page.text()).includes('折扣（折）'))
    await (await page.$('.tpl-form .tpl-value'))!.input('8.5')
    await (await page.$('.tpl-form .tpl-stock'))!.input('20')
    // a switch flipped on and back off: the template is saved live
    await (await page.$('.tpl-form .tpl-paused'))!.trigger('change', { value: true })
    await (await page.$('.tpl-form .tpl-paused'))!.trigger('change', { value: false })
    await (await page.$('.tpl-save'))!.tap()
    const row = async () => {
      for (const r of await page.$$('.tpl-row')) if ((await r.text()).includes(title)) return r
      return null
    }
    await page.waitFor(async () => (await row()) !== null)
    expect(await (await row())!.text()).toContain('已发 0 / 20')

    await (await (await row())!.$('.tpl-issue'))!.tap()
    await page.waitFor('.issue-member-code')
    await (await page.$('.issue-member-code'))!.input(session.data.fan.memberCode)
    await (await page.$('.issue-submit'))!.tap()
    await page.waitFor(async () => /已发放/.test((await (await page.$('.issue-note'))?.text()) ?? ''))
    await page.waitFor(async () => ((await (await row())?.text()) ?? '').includes('已发 1 / 20'))

    const wallet = await s.cloud.call<Ok<{ usable: Array<{ title: string }> }>>('wallet', {}, shopper)
    expect(wallet.data.usable.map((c) => c.title)).toContain(title)
  })

  it('a sale recorded at the till moves the manager’s repurchase figures', async () => {
    const number = async (p: { $(s: string): Promise<{ text(): Promise<string> } | null> }, cls: string) =>
      Number(((await (await p.$(cls))?.text()) ?? '').replace(/[^\d.]/g, ''))
    const manager = await s.open({ persona: 'demo-manager', path: 'manager/pages/repurchase/index' })
    await manager.page.waitFor('.repurchase-rate')
    const salesBefore = await number(manager.page, '.repurchase-sales')
    const session = await s.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, 'demo-shopper-1')
    const sale = await s.cloud.call<Ok<{ repurchase: boolean }>>(
      'recordSale',
      { memberCode: session.data.fan.memberCode, amountFen: 3200, requestId: `w${Date.now()}` },
      'demo-staff-1'
    )
    expect(sale.data.repurchase).toBe(true)
    const again = await manager.mp.reLaunch('/manager/pages/repurchase/index')
    await again.waitFor('.repurchase-rate')
    expect(await number(again, '.repurchase-sales')).toBe(salesBefore + 1)
  })
})
