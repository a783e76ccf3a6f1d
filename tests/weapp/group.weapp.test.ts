import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }
type Wallet = Ok<{ usable: Array<{ title: string }> }>

weappSpec('community group on weapp (journey 4)', (s) => {
  s.covers('src/pages/group/share-ticket.ts', 'getGroupEnterInfo')
  const groupCoupons = async (openid: string) =>
    (await s.cloud.call<Wallet>('wallet', {}, openid)).data.usable.filter((c) => c.title.startsWith('进群礼')).length

  it('from the check-in welcome the shopper opens the group page, sees the code and gets the group coupon once', async () => {
    const code = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `weapp-group-${Date.now()}`
    const { mp, page } = await s.open({ persona: shopper, path: `pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}` })
    await page.waitFor('.checkin-welcome')
    await (await page.$('.group-entry-join'))!.tap()
    const group = await mp.currentPage()
    expect(group.path).toBe('pages/group/index')
    await group.waitFor('.group-code-image')
    expect(await (await group.$('.group-code-image'))!.attribute('src')).toContain('/files/demo/group-st01.png')
    await (await group.$('.group-join-confirm'))!.tap()
    await group.waitFor('.group-joined .coupon-card')
    expect(await group.text()).toContain('进群礼 任意饮品9折')
    expect(await groupCoupons(shopper)).toBe(1)

    // back on the welcome page, and in again: already joined, nothing to tap, no second coupon
    await mp.navigateBack()
    expect((await mp.currentPage()).path).toBe('pages/checkin/index')
    const again = await mp.navigateTo('/pages/group/index?storeId=st01')
    await again.waitFor('.group-joined')
    expect(await again.$('.group-join-confirm')).toBeNull()
    expect(await groupCoupons(shopper)).toBe(1)
  })

  it('opened from a card inside a WeChat group, the page links the real group through the share ticket', async () => {
    const shopper = `weapp-ticket-${Date.now()}`
    const code = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    await s.cloud.call('checkin', { scene: code.data.scene }, shopper)
    const { page } = await s.open({ persona: shopper, path: 'pages/group/index?storeId=st01', scene: 1044, shareTicket: 'ticket-42' })
    await page.waitFor('.group-code-image')
    await page.waitFor(async () => {
      const mine = await s.cloud.call<Ok<{ groupSightings: { total: number } }>>('myData', {}, shopper)
      return mine.data.groupSightings.total === 1
    })
  })

  it('the navigation stack stops at ten pages, as WeChat’s does', async () => {
    const { mp } = await s.open({ persona: 'demo-shopper-1', path: 'pages/privacy/index' })
    for (let i = 1; i < 10; i++) await mp.navigateTo('/pages/privacy/index')
    expect(await mp.pageStack()).toHaveLength(10)
    await expect(mp.navigateTo('/pages/privacy/index')).rejects.toThrow('webview count limit exceed')
    const back = await mp.navigateBack()
    expect(back.path).toBe('pages/privacy/index')
    expect(await mp.pageStack()).toHaveLength(9)
    await mp.redirectTo('/pages/index/index')
    expect((await mp.pageStack()).map((p) => p.path).slice(-2)).toEqual(['pages/privacy/index', 'pages/index/index'])
    await mp.reLaunch('/pages/me/index')
    expect(await mp.pageStack()).toHaveLength(1)
  })
})
