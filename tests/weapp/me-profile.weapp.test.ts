import { chinaMonth, newFanOfStaff1, phoneCloudId } from './harness/personas'
import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }
type Detail = { nickname: string | null; avatarUrl: string | null; phoneTail: string | null; birthMonth: number | null }

/** A temporary image file on the phone, as chooseAvatar hands one to the page (WeChat's picker answers a temp path). */
async function tempAvatar(mp: { callWxMethod(m: string, ...a: unknown[]): Promise<{ tempFiles: Array<{ tempFilePath: string }> }> }): Promise<string> {
  return (await mp.callWxMethod('chooseMedia', { count: 1, mediaType: ['image'] })).tempFiles[0].tempFilePath
}

weappSpec('我的 profile card on weapp: nickname, chooseAvatar, phone tail, birthday; what the staff member sees', (s) => {
  s.covers('src/pages/me/avatar-picker.tsx', (log) => log.some((c) => c.api === 'event:chooseavatar') && log.some((c) => c.api === 'cloud.uploadFile'))
  s.covers('src/pages/me/tail-button.tsx', (log) =>
    log.some((c) => {
      const o = c.options as { name?: string; data?: { phoneTail?: { cloudID?: string } } } | undefined
      return c.api === 'cloud.callFunction' && o?.name === 'fanProfile' && !!o.data?.phoneTail?.cloudID
    })
  )

  it('the shopper fills each field on weapp; her staff member sees them on the fan page, and a withdrawal at once', async () => {
    const fan = await newFanOfStaff1(s.cloud, 'weapp-profile')
    const month = chinaMonth()
    const { mp, page } = await s.open({ persona: fan.openid, path: 'pages/me/index' })
    await page.waitFor('.me-profile-nickname')
    const message = async () => (await page.$('.me-profile-message')) && (await (await page.$('.me-profile-message'))!.text())
    expect(await (await page.$('.me-profile-nickname'))!.attribute('type')).toBe('nickname')

    await (await page.$('.me-profile-nickname'))!.input('小程序小林')
    await (await page.$('.me-profile-nickname-save'))!.tap()
    await page.waitFor(async () => (await message()) === '昵称已保存')

    // chooseAvatar: WeChat's own picker answers a temporary file; the page uploads it under avatars/
    const pick = (await page.$('.me-profile-avatar-pick'))!
    expect(await pick.attribute('open-type')).toBe('chooseAvatar')
    await pick.trigger('chooseavatar', { avatarUrl: await tempAvatar(mp) })
    await page.waitFor(async () => (await message()) === '头像已更新')
    await page.waitFor('.me-profile-avatar')
    const native = s.native(mp)
    if (native) expect(native.log.uploads.at(-1)).toMatch(/^avatars\/[a-z0-9]+\.png$/)

    const tail = (await page.$('.me-profile-tail-share'))!
    expect(await tail.attribute('open-type')).toBe('getPhoneNumber')
    await tail.trigger('getphonenumber', { errMsg: 'getPhoneNumber:ok', cloudID: phoneCloudId('13912345678') })
    await page.waitFor(async () => (await message()) === '已向导购展示手机尾号')
    expect(await (await page.$('.me-profile-tail'))!.text()).toBe('尾号 5678')

    await (await page.$('.me-profile picker'))!.trigger('change', { value: month - 1 })
    await page.waitFor(async () => (await message()) === '生日月份已保存')
    expect(await (await page.$('.me-profile-month'))!.text()).toBe(`${month} 月`)

    // the staff member's page for this fan, on her own phone
    const staff = await s.open({ persona: 'demo-staff-1', path: `staff/pages/fan/index?code=${fan.memberCode}` })
    await staff.page.waitFor('.fan-name')
    expect(await (await staff.page.$('.fan-name'))!.text()).toBe('小程序小林')
    expect(await (await staff.page.$('.fan-tail'))!.text()).toBe('手机尾号：5678')
    expect(await staff.page.text()).toContain(`生日：${month} 月`)
    expect(await (await staff.page.$('.fan-head .book-avatar'))!.attribute('src')).toMatch(/\/files\/avatars\/[a-z0-9]+\.png$/)
    expect(await staff.page.text()).toContain(`本月（${month} 月）生日`)
    expect(await staff.page.text()).not.toContain('13912345678')

    // withdrawing the tail: the staff member stops seeing it at once
    await (await page.$('.me-profile-withdraw-phoneTail'))!.tap()
    await page.waitFor(async () => (await message()) === '已撤回手机尾号')
    await page.waitFor('.me-profile-tail-share')
    const after = await s.open({ persona: 'demo-staff-1', path: `staff/pages/fan/index?code=${fan.memberCode}` })
    await after.page.waitFor('.fan-tail')
    expect(await (await after.page.$('.fan-tail'))!.text()).toBe('手机尾号：未展示')
    const detail = await s.cloud.call<Ok<Detail>>('fanDetail', { memberCode: fan.memberCode }, 'demo-staff-1')
    expect(detail.data).toMatchObject({ nickname: '小程序小林', phoneTail: null, birthMonth: month })
  })

  it('a refused phone authorisation or a cancelled avatar picker shares nothing', async () => {
    const fan = await newFanOfStaff1(s.cloud, 'weapp-profile-refuse')
    const { page } = await s.open({ persona: fan.openid, path: 'pages/me/index' })
    await page.waitFor('.me-profile-tail-share')
    await (await page.$('.me-profile-tail-share'))!.trigger('getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })
    // WeChat sends chooseavatar with no avatarUrl when the picker is closed
    await (await page.$('.me-profile-avatar-pick'))!.trigger('chooseavatar', {})
    await page.waitFor(200)
    expect(await page.$('.me-profile-message')).toBeNull()
    expect(await page.$('.me-profile-tail-share')).not.toBeNull()
    const profile = await s.cloud.call<Ok<Detail>>('fanProfile', {}, fan.openid)
    expect(profile.data).toEqual({ nickname: null, avatarUrl: null, phoneTail: null, birthMonth: null })
  })
})
