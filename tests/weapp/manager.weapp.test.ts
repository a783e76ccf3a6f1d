import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }
type Row = { groupId: string; name: string; qrUrl: string; daysLeft: number }

weappSpec('manager pages on weapp: group codes, stores, team (journeys 4, 5 and 10)', (s) => {
  s.covers('src/manager/pages/groups/pick-image.ts', 'cloud.uploadFile')
  s.covers('src/manager/pages/groups/expiry-consent.tsx', (log) => log.some((c) => c.api === 'requestSubscribeMessage'))
  s.covers('src/manager/pages/stores/pick-location.ts', 'chooseLocation')

  it('uploads a new group QR picked with chooseMedia into the store’s cloud folder; shoppers are shown it', async () => {
    const { mp, page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/groups/index?storeId=st03' })
    await page.waitFor('.group-form')
    // saving before picking an image is refused in Chinese; a cancelled picker changes nothing
    await (await page.$('.group-form-save'))!.tap()
    await page.waitFor('.group-form-message')
    expect(await (await page.$('.group-form-message'))!.text()).toBe('请先选择群二维码图片')
    await mp.mockWxMethod('chooseMedia', { errMsg: 'chooseMedia:fail cancel' })
    await (await page.$('.group-form-image'))!.tap()
    await page.waitFor(100)
    expect(await (await page.$('.group-form-image'))!.text()).toBe('选择群二维码图片')
    await mp.restoreWxMethod('chooseMedia')

    const name = `小程序上传群${Date.now() % 10_000}`
    await (await page.$('.group-form-name'))!.input(name)
    const due = new Date(Date.now() + 8 * 3600_000 + 5 * 86400_000).toISOString().slice(0, 10)
    await (await page.$('.group-form picker'))!.trigger('change', { value: due })
    await page.waitFor(async () => (await (await page.$('.group-form-date'))!.text()).includes(due))
    await (await page.$('.group-form-image'))!.tap()
    await page.waitFor(async () => (await (await page.$('.group-form-image'))!.text()) === '已选择图片，点此更换')
    await (await page.$('.group-form-save'))!.tap()
    await page.waitFor('.groups-notice')
    expect(await (await page.$('.groups-notice'))!.text()).toMatch(new RegExp(`^已上传「${name}」，剩 \\d 天$`))

    const groups = await s.cloud.call<Ok<{ groups: Row[] }>>('groupCodes', { storeId: 'st03' }, 'demo-manager')
    const row = groups.data.groups.find((g) => g.name === name)!
    const image = await fetch(row.qrUrl)
    expect(image.headers.get('content-type')).toBe('image/png')
    const native = s.native(mp)
    if (native) expect(native.log.uploads[0]).toMatch(/^groups\/st03\/\d+\.png$/)
  })

  it('asks for the expiry reminder from a tap; a refusal leaves the button to ask again', async () => {
    const { mp, page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/groups/index?storeId=st01' })
    await page.waitFor('.groups-consent')
    await mp.mockWxMethod('requestSubscribeMessage', (o: { tmplIds: string[] }) => Object.fromEntries(o.tmplIds.map((id) => [id, 'reject'])))
    await (await page.$('.groups-consent'))!.tap()
    await page.waitFor(200)
    expect(await (await page.$('.groups-consent'))!.text()).toBe('订阅群码到期提醒')
    await mp.restoreWxMethod('requestSubscribeMessage')
    await (await page.$('.groups-consent'))!.tap()
    await page.waitFor(async () => (await (await page.$('.groups-consent'))!.text()) === '已订阅一次到期提醒')
    await page.waitFor('.group-warning')
  })

  it('adds a store by picking its place on WeChat’s map, then switches it off again', async () => {
    const { mp, page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/stores/index' })
    await page.waitFor('.store-row')
    await (await page.$('.store-new'))!.tap()
    await page.waitFor('.store-form')
    await mp.mockWxMethod('chooseLocation', { errMsg: 'chooseLocation:fail cancel' })
    await (await page.$('.store-pick'))!.tap()
    await page.waitFor(100)
    expect(await (await page.$('.store-coords-text'))!.text()).toBe('还没有选点')
    await mp.mockWxMethod('chooseLocation', { name: '愚园路店', address: '上海市长宁区愚园路1088号', longitude: 121.4471, latitude: 31.2243 })
    await (await page.$('.store-pick'))!.tap()
    await page.waitFor(async () => (await (await page.$('.store-coords-text'))!.text()) === '经度 121.44710，纬度 31.22430')
    expect(await (await page.$('.store-form .store-name'))!.value()).toBe('愚园路店')
    expect(await (await page.$('.store-form .store-address'))!.value()).toBe('上海市长宁区愚园路1088号')
    await (await page.$('.store-form .store-city'))!.input('上海')
    await (await page.$('.store-form .store-hours'))!.input('08:00-21:00')
    await (await page.$('.store-form .store-phone'))!.input('021-62990000')
    await (await page.$('.store-save'))!.tap()
    const row = async () => {
      for (const r of await page.$$('.store-row')) if ((await r.text()).includes('愚园路店')) return r
      return null
    }
    await page.waitFor(async () => (await row()) !== null && (await page.$('.store-form')) === null)
    const mine = (await row())!
    expect(await mine.text()).toContain('上海市长宁区愚园路1088号')

    // switched off again so other specs see the demo's six stores
    await (await mine.$('.store-edit'))!.tap()
    await page.waitFor('.store-form .store-active')
    await (await page.$('.store-form .store-active'))!.trigger('change', { value: false })
    await (await page.$('.store-save'))!.tap()
    await page.waitFor('.store-row-off')
  })

  it('a store manager sees the team with the store code', async () => {
    const { page } = await s.open({ persona: 'demo-store-manager', path: 'manager/pages/team/index' })
    await page.waitFor('.team-member')
    await page.waitFor('.team-qr')
    expect(await page.text()).toContain('张伟')
    expect((await page.$$('.team-member')).length).toBe(3)
    expect(await (await page.$('.team-qr'))!.attribute('src')).toContain('/files/codes/store/st02')
  })

  it('the brand manager’s overview lists stores and the attribution policy; staff are refused it', async () => {
    const { page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/overview/index' })
    await page.waitFor(async () => (await page.text()).includes('五角场店'))
    expect(await page.text()).toContain('归属规则')
    const staff = await s.open({ persona: 'demo-staff-1', path: 'manager/pages/overview/index' })
    await staff.page.waitFor(async () => (await staff.page.text()).includes('没有权限'))
  })
})
