import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }

/** The local cloud's documented cloudID stand-in, as WeChat's phone authorisation would hand one over. */
const phoneCloudId = (phone: string) => `local-cloudid:${Buffer.from(JSON.stringify({ purePhoneNumber: phone, countryCode: '86' })).toString('base64url')}`

async function newFan(
  s: { cloud: { call: <T>(n: string, e: unknown, o?: string) => Promise<T> } },
  prefix: string
): Promise<{ openid: string; memberCode: string }> {
  const openid = `${prefix}-${Date.now()}`
  const code = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
  await s.cloud.call('checkin', { scene: code.data.scene }, openid)
  const session = await s.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, openid)
  return { openid, memberCode: session.data.fan.memberCode }
}

weappSpec('我的 on weapp: phone binding and reminder consent', (s) => {
  s.covers('src/pages/me/phone-button.tsx', 'event:getphonenumber')
  s.covers('src/pages/me/consent.ts', 'requestSubscribeMessage')

  it('binds the phone from WeChat’s authorisation (a cloudID) and subscribes to a reminder with consent', async () => {
    const fan = await newFan(s, 'weapp-me')
    const { mp, page } = await s.open({ persona: fan.openid, path: 'pages/me/index' })
    await page.waitFor('.member-code')
    expect(await (await page.$('.member-code'))!.text()).toBe(fan.memberCode)
    const phone = await page.$('.me-bind-phone')
    expect(await phone!.attribute('open-type')).toBe('getPhoneNumber')
    await phone!.trigger('getphonenumber', { errMsg: 'getPhoneNumber:ok', cloudID: phoneCloudId('13800138000') })
    await page.waitFor(async () => (await page.text()).includes('已绑定手机号'))
    expect(await (await page.$('.me-notice'))!.text()).toMatch(/^已绑定手机号 138\*+8000，结账时报手机号即可$/)

    await (await page.$('.me-remind'))!.tap()
    await page.waitFor(async () => /已订阅，可再收到 \d+ 次优惠提醒/.test(await page.text()))
    const native = s.native(mp)
    if (native) expect(native.log.subscribe).toHaveLength(1)
  })

  it('a cancelled phone authorisation and a rejected subscription leave the page usable, saying so in Chinese', async () => {
    const fan = await newFan(s, 'weapp-me-refuse')
    const { mp, page } = await s.open({ persona: fan.openid, path: 'pages/me/index' })
    await page.waitFor('.me-bind-phone')
    await (await page.$('.me-bind-phone'))!.trigger('getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })
    const native = s.native(mp)
    if (native) expect(native.log.toasts).toContain('未授权手机号，可稍后再绑定')
    const session = await s.cloud.call<Ok<{ fan: { phoneBound?: boolean; phoneMasked?: string | null } }>>('session', {}, fan.openid)
    expect(JSON.stringify(session.data.fan)).not.toContain('138')

    await mp.mockWxMethod('requestSubscribeMessage', (o: { tmplIds: string[] }) => Object.fromEntries(o.tmplIds.map((id) => [id, 'reject'])))
    await (await page.$('.me-remind'))!.tap()
    await page.waitFor('.me-notice')
    expect(await (await page.$('.me-notice'))!.text()).toBe('未订阅提醒')
    // still usable: the wallet button navigates
    await (await page.$('.me-to-wallet'))!.tap()
    await page.waitFor(100)
    expect((await mp.currentPage()).path).toBe('pages/wallet/index')
  })

  it('WeChat refuses a subscription asked outside a tap', async () => {
    const { mp } = await s.open({ persona: 'demo-shopper-1', path: 'pages/me/index' })
    await expect(mp.callWxMethod('requestSubscribeMessage', { tmplIds: ['t1'] })).rejects.toMatchObject({ errMsg: expect.stringContaining('TAP gesture') })
  })
})

weappSpec('privacy on weapp (journey 8): export by clipboard, delete', (s) => {
  s.covers('src/pages/privacy/deliver.ts', 'setClipboardData')

  it('the notice lists what is kept; export copies the JSON; delete removes the fan', async () => {
    const fan = await newFan(s, 'weapp-privacy')
    const { mp, page } = await s.open({ persona: fan.openid, path: 'pages/me/index' })
    await page.waitFor('.member-code')
    await (await page.$('.me-privacy-policy'))!.tap()
    const notice = await mp.currentPage()
    expect(notice.path).toBe('pages/privacy/index')
    await notice.waitFor('.privacy-item')
    const { COLLECTED } = await import('../../src/pages/privacy/collected')
    expect((await notice.$$('.privacy-item')).length).toBe(COLLECTED.length)
    await mp.navigateBack()

    const exp = await mp.navigateTo('/pages/privacy/index?action=export')
    await exp.waitFor('.privacy-summary')
    expect(await (await exp.$('.privacy-summary'))!.text()).toContain(fan.memberCode)
    const deliver = await exp.$('.privacy-deliver')
    expect(await deliver!.text()).toBe('复制我的数据')
    await deliver!.tap()
    await exp.waitFor('.privacy-notice')
    expect(await (await exp.$('.privacy-notice'))!.text()).toBe('已复制全部数据，可粘贴到聊天或备忘录保存')
    const clip = (await mp.callWxMethod('getClipboardData')) as { data: string }
    // the copied file is the readable export: Chinese labels (src/domain/privacy-readable.ts)
    const exported = JSON.parse(clip.data) as Record<string, Record<string, unknown>>
    expect(exported['粉丝档案']['会员码']).toBe(fan.memberCode)
    expect(exported['到店记录']['共计']).toBe(1)

    const me = await mp.reLaunch('/pages/me/index')
    await me.waitFor('.me-privacy-delete')
    await (await me.$('.me-privacy-delete'))!.tap()
    await me.waitFor('.privacy-delete-confirm')
    await (await me.$('.privacy-delete-confirm'))!.tap()
    await me.waitFor(async () => (await me.text()).includes('您的数据已删除'))
    await me.waitFor('.me-not-fan')
    expect(await me.$('.member-code')).toBeNull()
    const after = await s.cloud.call<Ok<{ deleted: boolean; complete: boolean }>>('deleteMyData', { confirm: true }, fan.openid)
    expect(after.data).toMatchObject({ deleted: false, complete: true })
  })
})
