import type { Page } from 'playwright-core'
import { signBody } from '../../src/functions/_lib/sales-signature'
import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession({ env: { FANLOOP_POS_SECRET: 'e2e-pos-secret' } })

type Ok<T> = { ok: true; data: T }
const typeInto = (page: Page, className: string, text: string) => page.locator(`.${className} input`).fill(text)
const number = async (page: Page, className: string) => Number((await page.locator(`.${className}`).innerText()).replace(/[^\d.]/g, ''))

describe('repurchase (journey 6)', () => {
  it('staff record a sale by member code; the shopper sees it; the manager figures move', async () => {
    const session = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, 'demo-shopper-1')
    const memberCode = session.data.fan.memberCode

    const manager = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await manager.goto(`${e2e.cloud.url}/#/manager/pages/repurchase/index`)
    await manager.locator('.repurchase-rate').waitFor()
    const salesBefore = await number(manager, 'repurchase-sales')
    const repurchasesBefore = await number(manager, 'repurchase-count')
    await screenshot(manager, 'repurchase-before')

    const shopper = await pageAs(e2e.browser, e2e.cloud.url, 'demo-shopper-1')
    await shopper.goto(`${e2e.cloud.url}/#/pages/me/index`)
    await shopper.locator('.member-code').waitFor()
    expect((await shopper.locator('.member-code').innerText()).trim()).toBe(memberCode)
    await shopper.locator('.me-purchases .section-title').waitFor()
    // The demo shopper has bought before: count the rows once they have loaded, not while they load.
    await shopper.locator('.purchase-row').first().waitFor()
    const rowsBefore = await shopper.locator('.purchase-row').count()
    expect(rowsBefore).toBeGreaterThan(0)

    const till = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await till.goto(`${e2e.cloud.url}/#/staff/pages/sale/index`)
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

  it('a shopper binds a phone on 我的; the POS then records a sale by that phone and it shows in the history', async () => {
    const shopper = await pageAs(e2e.browser, e2e.cloud.url, 'demo-shopper-1')
    await shopper.goto(`${e2e.cloud.url}/#/pages/me/index`)
    await shopper.locator('.me-phone-input input').fill('13766668888')
    await shopper.locator('.me-bind-phone').click()
    await shopper.getByText('已绑定手机号 137****8888').waitFor()

    const body = JSON.stringify({ orderId: `POS-E2E-${Date.now()}`, storeId: 'st01', amountFen: 23300, phone: '13766668888' })
    const ts = String(Math.floor(Date.now() / 1000))
    const res = await fetch(`${e2e.cloud.url}/http/posSale`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fanloop-timestamp': ts, 'x-fanloop-signature': signBody('e2e-pos-secret', ts, body) },
      body
    })
    expect(res.status).toBe(200)
    await shopper.reload()
    await shopper.locator('.purchase-row').first().waitFor()
    expect(await shopper.locator('.purchase-row').first().innerText()).toContain('¥233.00')
    await screenshot(shopper, 'me-phone-pos-sale')
  })
})
