import { e2eSession, pageAs, screenshot } from '../support/browser'
import { answerModal, pickRow } from '../support/h5-controls'

/** Issue #19: on 团队与二维码 the brand manager moves a staff member to another store (H5). */
const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }
const code = async (openid: string) => (await e2e.cloud.call<Ok<{ scene: string; storeName: string }>>('staffCode', {}, openid)).data

describe('changing a person’s store on 团队与二维码 (H5)', () => {
  it('the brand manager moves 王芳 from 静安寺店 to 徐家汇店 after a confirmation; 取消 changes nothing', async () => {
    const before = await code('demo-staff-1')
    expect(before.storeName).toBe('静安寺店')

    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    await page.locator('.team-store-code .section-title').filter({ hasText: '静安寺店' }).waitFor()
    const row = page.locator('.team-member').filter({ hasText: '王芳' })
    await row.waitFor()
    // not offered for herself (the brand manager)
    expect(await page.locator('.team-member').filter({ hasText: '陈静' }).locator('.team-edit').count()).toBe(0)

    await row.locator('.team-edit').click()
    await pickRow(page, row.locator('.team-edit-store'), '徐家汇店')
    await row.locator('.team-edit-store').filter({ hasText: '徐家汇店' }).waitFor()
    await page.locator('.weui-picker__hd:visible').waitFor({ state: 'hidden' })
    await row.scrollIntoViewIfNeeded()
    await screenshot(page, 'team-edit-picked')

    await row.locator('.team-edit-save').click()
    const said = await answerModal(page, /调到 徐家汇店/, false)
    expect(said).toMatch(/粉丝仍归 王芳/)
    expect(said).toMatch(/失效/)
    expect(await code('demo-staff-1')).toEqual(before)

    await row.locator('.team-edit-save').click()
    await answerModal(page, /调到 徐家汇店/, true)
    await page.locator('.team-notice').filter({ hasText: '已把 王芳 调到 徐家汇店' }).waitFor()
    await page.locator('.team-member').filter({ hasText: '王芳' }).waitFor({ state: 'detached' })
    await screenshot(page, 'team-edit-moved')

    const after = await code('demo-staff-1')
    expect(after.storeName).toBe('徐家汇店')
    expect(after.scene).not.toBe(before.scene)
    await pickRow(page, page.locator('.team-store-switch'), '徐家汇店')
    await page.locator('.team-member').filter({ hasText: '王芳' }).waitFor()
  })

  it('a store manager is not offered 调整门店/角色', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-store-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    await page.locator('.team-member').filter({ hasText: '张伟' }).waitFor()
    expect(await page.locator('.team-edit').count()).toBe(0)
  })
})
