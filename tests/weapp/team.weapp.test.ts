import { weappSpec, type MpPage } from './harness/session'

type Ok<T> = { ok: true; data: T }

const persona = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`

/** The picker that wraps 门店：… (member rows have pickers of their own). */
async function storePicker(page: MpPage) {
  for (const p of await page.$$('picker')) if (await p.$('.team-store-switch')) return p
  return null
}

async function memberRow(page: MpPage, name: string) {
  for (const r of await page.$$('.team-member')) if ((await (await r.$('.team-name'))!.text()) === name) return r
  return null
}

/** A staff member of st06 who joined through an invite, so voiding her codes touches no demo persona. */
async function newStaff(s: { cloud: import('./harness/session').Cloud }, name: string): Promise<string> {
  const invite = await s.cloud.call<Ok<{ inviteId: string }>>('createInvite', { kind: 'staff', storeId: 'st06', name }, 'demo-manager')
  const openid = persona('weapp-team-staff')
  const joined = await s.cloud.call<{ ok: boolean }>('acceptInvite', { inviteId: invite.data.inviteId, name }, openid)
  expect(joined.ok).toBe(true)
  return openid
}

weappSpec('团队与二维码 on weapp (#18): store switch, confirm before 作废二维码', (s) => {
  it('the brand manager switches store; a store manager (one store) has no switch', async () => {
    const stores = await s.cloud.call<Ok<{ stores: Array<{ storeId: string; name: string; active: boolean }> }>>('storeAdmin', {}, 'demo-manager')
    const active = stores.data.stores.filter((x) => x.active)
    const { page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/team/index' })
    await page.waitFor('.team-store-switch')
    await page.waitFor('.team-store-code')
    expect(await (await page.$('.team-store-switch'))!.text()).toContain(`门店：${active.find((x) => x.storeId === 'st01')!.name}`)
    const target = active.findIndex((x) => x.storeId === 'st05')
    await (await storePicker(page))!.trigger('change', { value: target })
    await page.waitFor(async () => (await (await page.$('.team-store-code .section-title'))?.text()) === `${active[target].name} 门店码`)
    expect(await (await page.$('.team-store-switch'))!.text()).toContain(`门店：${active[target].name}`)
    expect(await (await page.$('.team-qr'))!.attribute('src')).toContain('/files/codes/store/st05')

    const own = await s.open({ persona: 'demo-store-manager', path: 'manager/pages/team/index' })
    await own.page.waitFor('.team-store-code')
    await own.page.waitFor('.team-member')
    expect(await own.page.$('.team-store-switch')).toBeNull()
    expect(await (await own.page.$('.team-store-code .section-title'))!.text()).toBe('人民广场店 门店码')
  })

  it('作废二维码 asks first: 取消 changes nothing; 作废 voids her codes', async () => {
    const name = `待作废${Date.now() % 10_000}`
    const staff = await newStaff(s, name)
    const before = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, staff)
    const { mp, page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/team/index?storeId=st06' })
    await page.waitFor(async () => (await memberRow(page, name)) !== null)

    await mp.mockWxMethod('showModal', { confirm: false, cancel: true })
    await (await (await memberRow(page, name))!.$('.team-revoke'))!.tap()
    await page.waitFor(300)
    const native = s.native(mp)
    if (native) {
      const asked = native.calls('showModal').at(-1)?.options as { title: string; content: string; confirmText: string }
      expect(asked).toMatchObject({ title: `作废 ${name} 的二维码？`, confirmText: '作废' })
      expect(asked.content).toContain('已有粉丝不受影响')
    }
    expect(await page.$('.team-notice')).toBeNull()
    expect((await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, staff)).data.scene).toBe(before.data.scene)

    await mp.restoreWxMethod('showModal')
    await (await (await memberRow(page, name))!.$('.team-revoke'))!.tap()
    await page.waitFor('.team-notice')
    expect(await (await page.$('.team-notice'))!.text()).toBe(`${name} 的旧二维码已作废，请重新分享新码`)
    const after = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, staff)
    expect(after.data.scene).not.toBe(before.data.scene)
  })
})
