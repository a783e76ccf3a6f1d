import type { Browser, Page } from 'playwright-core'
import { launchBrowser, pageAs, screenshot } from '../support/browser'
import { spawnCloud, type RunningCloud } from '../support/spawn-cloud'

let cloud: RunningCloud
let browser: Browser

beforeAll(async () => {
  cloud = await spawnCloud({ env: { FANLOOP_POS_SECRET: 'e2e-pos-secret' } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

type Ok<T> = { ok: true; data: T }
const typeInto = (page: Page, className: string, text: string) => page.locator(`.${className} input`).fill(text)
const number = async (page: Page, className: string) => Number((await page.locator(`.${className}`).innerText()).replace(/[^\d.]/g, ''))

describe('repurchase (journey 6)', () => {
  it('staff record a sale by member code; the shopper sees it; the manager figures move', async () => {
    const session = await cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, 'demo-shopper-1')
    const memberCode = session.data.fan.memberCode

    const manager = await pageAs(browser, cloud.url, 'demo-manager')
    await manager.goto(`${cloud.url}/#/manager/pages/repurchase/index`)
    await manager.locator('.repurchase-rate').waitFor()
    const salesBefore = await number(manager, 'repurchase-sales')
    const repurchasesBefore = await number(manager, 'repurchase-count')
    await screenshot(manager, 'repurchase-before')

    const shopper = await pageAs(browser, cloud.url, 'demo-shopper-1')
    await shopper.goto(`${cloud.url}/#/pages/me/index`)
    await shopper.locator('.member-code').waitFor()
    expect((await shopper.locator('.member-code').innerText()).trim()).toBe(memberCode)
    await shopper.locator('.me-purchases .section-title').waitFor()
    const rowsBefore = await shopper.locator('.purchase-row').count()

    const till = await pageAs(browser, cloud.url, 'demo-staff-1')
    await till.goto(`${cloud.url}/#/staff/pages/sale/index`)
    await till.locator('.sale-member-code').waitFor()
    expect(await till.locator('.sale-scan').count()).toBe(0) // H5 types the code; weapp scans
    await typeInto(till, 'sale-member-code', memberCode.toLowerCase())
    await typeInto(till, 'sale-amount', '168.50')
    await till.locator('.sale-confirm').click()
    await till.locator('.sale-done').waitFor()
    await till.getByText(`会员 ${memberCode} · ¥168.50`).waitFor()
    await till.getByText('复购（老顾客再次消费）').waitFor() // the demo shopper has bought before
    await screenshot(till, 'sale-done')

    await shopper.reload()
    await shopper.locator('.purchase-row').first().waitFor()
    expect(await shopper.locator('.purchase-row').count()).toBe(Math.min(rowsBefore + 1, 50))
    expect(await shopper.locator('.purchase-row').first().innerText()).toContain('¥168.50')
    await shopper.locator('.purchase-row').first().scrollIntoViewIfNeeded()
    await screenshot(shopper, 'me-purchases')

    await manager.reload()
    await manager.locator('.repurchase-rate').waitFor()
    await manager.waitForFunction((n) => Number(document.querySelector('.repurchase-sales')?.textContent?.replace(/[^\d]/g, '')) === n, salesBefore + 1)
    expect(await number(manager, 'repurchase-count')).toBe(repurchasesBefore + 1)
    await screenshot(manager, 'repurchase-after')
  })
})
