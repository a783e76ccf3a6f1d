import { WEAPP_SETUP_CODE } from './harness/global-setup'
import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }
type Created = { inviteId: string; scene: string; storeName: string }

const persona = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`

weappSpec('onboarding on weapp: an invite opened from its QR scene or share card, and claiming the brand', (s) => {
  it('the demo’s pending invite opened from its wxacode (scene `I.<id>`, URL-encoded) shows the store, the inviter and the role', async () => {
    // read only: accepting it would add a colleague to 人民广场店, whose team other specs count
    const { page } = await s.open({
      persona: persona('weapp-invite-look'),
      path: `pages/invite/index?scene=${encodeURIComponent('I.DemoInviteSt02Staff1')}`,
      scene: 1047
    })
    await page.waitFor('.invite-card')
    expect(await (await page.$('.invite-card .section-title'))!.text()).toBe('人民广场店')
    expect(await page.text()).toContain('林涛 邀请你成为 导购')
    expect(await (await page.$('.invite-accept'))!.attribute('disabled')).toBeNull()
  })

  it('a new hire opens the share card (inviteId), confirms a name and lands on her staff code; the used invite then says so', async () => {
    const created = await s.cloud.call<Ok<Created>>('createInvite', { kind: 'staff', storeId: 'st05', name: '新导购' }, 'demo-manager')
    expect(created.ok).toBe(true)
    const hire = persona('weapp-invite-hire')
    const { mp, page } = await s.open({ persona: hire, path: `pages/invite/index?inviteId=${created.data.inviteId}`, scene: 1007 })
    await page.waitFor('.invite-name')
    expect(await (await page.$('.invite-name'))!.value()).toBe('新导购')
    // an empty name cannot be sent
    await (await page.$('.invite-name'))!.input('  ')
    expect(await (await page.$('.invite-accept'))!.attribute('disabled')).toBe('true')
    await (await page.$('.invite-name'))!.input('小程序新人')
    await (await page.$('.invite-accept'))!.tap()
    await page.waitFor('.invite-done')
    expect(await (await page.$('.invite-done .section-title'))!.text()).toBe(`欢迎加入 ${created.data.storeName}`)
    expect(await page.text()).toContain('小程序新人，你现在是导购。')
    await (await page.$('.invite-go-code'))!.tap()
    const code = await mp.currentPage()
    expect(code.path).toBe('staff/pages/code/index')
    await code.waitFor('.staff-code-name')
    expect(await (await code.$('.staff-code-name'))!.text()).toBe('小程序新人')
    expect(await (await code.$('.staff-code-store'))!.text()).toBe(created.data.storeName)
    expect((await mp.pageStack()).length).toBe(1)

    // someone else scanning the same (now used) invite's code
    const late = await s.open({
      persona: persona('weapp-invite-late'),
      path: `pages/invite/index?scene=${encodeURIComponent(created.data.scene)}`,
      scene: 1047
    })
    await late.page.waitFor('.invite-accepted')
    expect(await late.page.text()).toContain('这个邀请已被使用')
    expect(await late.page.$('.invite-accept')).toBeNull()
  })

  it('without an invite id (or with a scene that is not an invite) the page says how to get one', async () => {
    for (const path of ['pages/invite/index', `pages/invite/index?scene=${encodeURIComponent('S.st01')}`]) {
      const { page } = await s.open({ persona: persona('weapp-invite-none'), path })
      await page.waitFor('.invite-missing')
      expect(await page.text()).toContain('没有找到邀请')
    }
  })

  it('claiming the brand: a wrong setup code is refused in Chinese; the right one makes a brand manager, once', async () => {
    const first = persona('weapp-setup')
    const { mp, page } = await s.open({ persona: first, path: 'pages/setup/index' })
    await page.waitFor('.setup-code')
    await (await page.$('.setup-code'))!.input('Weapp-Setup-Code-2025')
    await (await page.$('.setup-name'))!.input('周总')
    await (await page.$('.setup-claim'))!.tap()
    await page.waitFor('.setup-error')
    expect(await (await page.$('.setup-error'))!.text()).toBe('初始化码不正确')
    const before = await s.cloud.call<Ok<{ staff: unknown }>>('session', {}, first)
    expect(before.data.staff ?? null).toBeNull()

    // the operator shares a link with the code in it
    const linked = await mp.reLaunch(`/pages/setup/index?code=${encodeURIComponent(WEAPP_SETUP_CODE)}`)
    await linked.waitFor('.setup-code')
    expect(await (await linked.$('.setup-code'))!.value()).toBe(WEAPP_SETUP_CODE)
    await (await linked.$('.setup-name'))!.input('周总')
    await (await linked.$('.setup-claim'))!.tap()
    await linked.waitFor('.setup-done')
    expect(await linked.text()).toContain('周总，你现在是品牌管理员')
    await (await linked.$('.setup-go-stores'))!.tap()
    const stores = await mp.currentPage()
    expect(stores.path).toBe('manager/pages/stores/index')
    await stores.waitFor('.store-row')

    const second = await s.open({ persona: persona('weapp-setup-late'), path: `pages/setup/index?code=${encodeURIComponent(WEAPP_SETUP_CODE)}` })
    await second.page.waitFor('.setup-name')
    await (await second.page.$('.setup-name'))!.input('第二个人')
    await (await second.page.$('.setup-claim'))!.tap()
    await second.page.waitFor('.setup-error')
    expect(await (await second.page.$('.setup-error'))!.text()).toBe('品牌已被认领，初始化码已失效')
  })
})
