import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }

/** Issue #19 on the weapp build: 团队与二维码 → 调整门店/角色, the same page as the H5 e2e. */
weappSpec('team page on weapp: the brand manager changes a person’s store (issue #19)', (s) => {
  it('moves 孙悦 from 中山公园店 to 五角场店 after a confirmation, then back through the function', async () => {
    const stores = await s.cloud.call<Ok<{ stores: Array<{ storeId: string; name: string; active: boolean }> }>>('storeAdmin', {}, 'demo-manager')
    const to = stores.data.stores.filter((x) => x.active).findIndex((x) => x.storeId === 'st05')
    expect(to).toBeGreaterThanOrEqual(0)

    const { mp, page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/team/index?storeId=st06' })
    await page.waitFor('.team-member')
    const rowOf = async (name: string) => {
      for (const r of await page.$$('.team-member')) if ((await r.text()).includes(name)) return r
      return null
    }
    await page.waitFor(async () => (await rowOf('孙悦')) !== null)
    const row = (await rowOf('孙悦'))!
    expect(row).not.toBeNull()
    await (await row.$('.team-edit'))!.tap()
    await page.waitFor('.team-edit-panel')
    await (await row.$('.team-edit-panel picker'))!.trigger('change', { value: to })
    await page.waitFor(async () => (await (await row.$('.team-edit-store'))!.text()).includes('五角场店'))
    await (await row.$('.team-edit-save'))!.tap()
    await page.waitFor(async () =>
      (await page.$('.team-notice')) ? (await (await page.$('.team-notice'))!.text()).includes('已把 孙悦 调到 五角场店') : false
    )
    await page.waitFor(async () => (await rowOf('孙悦')) === null)
    const native = s.native(mp)
    if (native) expect(native.log.modals[0]).toMatchObject({ title: '把 孙悦 调到 五角场店？', content: expect.stringContaining('粉丝仍归 孙悦') })

    const code = await s.cloud.call<Ok<{ storeName: string }>>('staffCode', {}, 'demo-staff-12')
    expect(code.data.storeName).toBe('五角场店')
    // back where the demo has him, for the other specs sharing this cloud
    const back = await s.cloud.call<Ok<{ storeId: string }>>('updateMember', { staffId: 'sf12', storeId: 'st06', role: 'staff' }, 'demo-manager')
    expect(back.data.storeId).toBe('st06')
  })
})
