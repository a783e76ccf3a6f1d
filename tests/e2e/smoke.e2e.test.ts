import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

describe('H5 app on the local cloud', () => {
  it('shows the demo brand and its stores to a shopper', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-shopper-1')
    await page.getByText('拾光咖啡').first().waitFor()
    await page.getByText('静安寺店').first().waitFor()
    await page.getByText('陆家嘴店').first().waitFor()
    await screenshot(page, 'home-shopper')
  })

  it('switches persona to the brand manager and opens the manager overview with store figures', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-shopper-1')
    await page.locator('.persona-switcher').waitFor()
    await page.getByText('品牌运营 陈静').first().click()
    await page.goto(`${e2e.cloud.url}/#/manager/pages/overview/index`)
    await page.getByText('五角场店').first().waitFor()
    await page.getByText('归属规则').first().waitFor()
    await screenshot(page, 'manager-overview')
  })

  it('shows a store manager the team with the store code', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-store-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    await page.getByText('张伟').first().waitFor()
    await page.locator('img[src*="/files/codes/store/st02"]').first().waitFor()
    expect(await page.locator('.team-member').count()).toBe(3)
    await screenshot(page, 'manager-team')
  })

  it('refuses the manager overview to a staff member', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/overview/index`)
    await page.getByText('没有权限').first().waitFor()
  })
})
