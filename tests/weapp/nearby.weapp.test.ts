import { weappSpec } from './harness/session'

/** '850米' → 850, '1.2公里' → 1200 */
const metres = (text: string): number => (text.endsWith('公里') ? parseFloat(text) * 1000 : parseFloat(text))

weappSpec('nearby stores on weapp (journey 5)', (s) => {
  s.covers('src/pages/nearby/location.ts', 'getFuzzyLocation')

  it('with fuzzy location granted, lists the stores nearest first', async () => {
    const { mp, page } = await s.open({ persona: `weapp-nearby-${Date.now()}`, path: 'pages/index/index' })
    // GCJ-02 near 静安寺, as getFuzzyLocation answers with type gcj02
    await mp.mockWxMethod('getFuzzyLocation', { longitude: 121.4456, latitude: 31.2235 })
    const nearby = await mp.navigateTo('/pages/nearby/index')
    await nearby.waitFor('.nearby-store .store-distance')
    const names = await Promise.all((await nearby.$$('.nearby-store .store-name')).map((e) => e.text()))
    const distances = await Promise.all((await nearby.$$('.nearby-store .store-distance')).map(async (e) => metres(await e.text())))
    expect(names[0]).toBe('静安寺店')
    expect(names).toHaveLength(6)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(await nearby.$('.location-denied')).toBeNull()
    // the nav button opens WeChat's map at the store
    await (await nearby.$('.nearby-store .store-nav'))!.tap()
    const opened = s.native(mp)?.calls('openLocation')
    if (opened) expect(opened[0]?.options).toMatchObject({ name: '静安寺店' })
    expect((await mp.pageStack()).map((p) => p.path)).toEqual([page.path, 'pages/nearby/index'])
  })

  it('with location denied, shows the city list with a Chinese notice; allowing it in settings goes back to distance', async () => {
    const { mp } = await s.open({ persona: `weapp-nearby-denied-${Date.now()}`, path: 'pages/index/index' })
    await mp.mockWxMethod('getFuzzyLocation', { errMsg: 'getFuzzyLocation:fail auth deny' })
    const page = await mp.navigateTo('/pages/nearby/index')
    await page.waitFor('.nearby-by-city')
    await page.waitFor('.city-option')
    expect(await (await page.$('.location-denied'))!.text()).toContain('未授权获取位置，开启定位后可查看离你最近的门店。')
    await page.waitFor('.nearby-store')
    expect(await page.$$('.nearby-store .store-distance')).toHaveLength(0)
    expect((await page.$$('.nearby-store')).length).toBe(6)
    // the page stays usable: a city can be picked
    await (await page.$('.city-option'))!.tap()
    await page.waitFor('.city-option-active')

    // 开启定位 → WeChat's settings page, where the shopper allows it; the page locates again
    await mp.restoreWxMethod('getFuzzyLocation')
    await (await page.$('.grant-location'))!.tap()
    await page.waitFor('.nearby-store .store-distance')
    expect(await page.$('.nearby-by-distance')).not.toBeNull()
  })

  it('when the shopper leaves location off in settings, the city list stays', async () => {
    const { mp } = await s.open({ persona: `weapp-nearby-off-${Date.now()}`, path: 'pages/index/index' })
    await mp.mockWxMethod('getFuzzyLocation', { errMsg: 'getFuzzyLocation:fail auth deny' })
    await mp.mockWxMethod('openSetting', { authSetting: { 'scope.userFuzzyLocation': false } })
    const page = await mp.navigateTo('/pages/nearby/index')
    await page.waitFor('.grant-location')
    await (await page.$('.grant-location'))!.tap()
    await page.waitFor(300)
    expect(await page.$('.nearby-by-city')).not.toBeNull()
    expect(await page.$('.location-denied')).not.toBeNull()
  })

  it('with location granted, 按城市 lists the picked city’s stores without distances; 按距离 brings them back (#18)', async () => {
    const { mp } = await s.open({ persona: `weapp-nearby-city-${Date.now()}`, path: 'pages/index/index' })
    await mp.mockWxMethod('getFuzzyLocation', { longitude: 121.4456, latitude: 31.2235 })
    const page = await mp.navigateTo('/pages/nearby/index')
    await page.waitFor('.nearby-store .store-distance')
    await (await page.$('.switch-city'))!.tap()
    await page.waitFor('.city-option')
    expect(await page.$('.location-denied')).toBeNull()
    const option = (await page.$$('.city-option')).at(-1)!
    const count = Number(await (await option.$('.city-count'))!.text())
    await option.tap()
    await page.waitFor(async () => (await page.$('.city-option-active')) !== null && (await page.$$('.nearby-store')).length === count)
    expect(await page.$$('.nearby-store .store-distance')).toHaveLength(0)
    await (await page.$('.switch-nearby'))!.tap()
    await page.waitFor('.nearby-store .store-distance')
    expect(await page.$('.nearby-by-distance')).not.toBeNull()
  })
})
