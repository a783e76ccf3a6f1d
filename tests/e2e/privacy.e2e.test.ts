import fs from 'node:fs'
import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }

describe('privacy (journey 8)', () => {
  it('a new shopper reads the notice, exports their data, deletes it, and drops out of the staff member’s fans', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `e2e-privacy-${Date.now()}`
    const page = await pageAs(e2e.browser, e2e.cloud.url, shopper)
    await page.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}`)
    await page.locator('.checkin-welcome').waitFor()
    const session = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    const memberCode = session.data.fan.memberCode

    const staff = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await staff.goto(`${e2e.cloud.url}/#/staff/pages/fans/index`)
    await staff.getByText(memberCode).first().waitFor()
    const totalBefore = Number(await staff.locator('.fans-total').innerText())
    await screenshot(staff, 'privacy-staff-fans-before')

    // 我的 → 隐私说明: what is collected, why, for how long; location only on the nearby page
    await page.goto(`${e2e.cloud.url}/#/pages/me/index`)
    await page.locator('.member-code').waitFor()
    await page.locator('.me-privacy-policy').click()
    await page.locator('.privacy-collected').waitFor()
    expect(await page.locator('.privacy-item').count()).toBeGreaterThan(5)
    await page.getByText('只用于当次查询，不保存').waitFor()
    await screenshot(page, 'privacy-notice')

    // 导出我的数据: a summary on the page and the JSON as a file download
    await page.goto(`${e2e.cloud.url}/#/pages/privacy/index?action=export`)
    await page.locator('.privacy-summary').getByText(memberCode, { exact: false }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.privacy-deliver').click()])
    // #18.17: the file reads without a developer: Chinese labels, China-time dates, no epoch numbers
    const file = fs.readFileSync((await download.path()) as string, 'utf8')
    const exported = JSON.parse(file) as Record<string, Record<string, unknown>>
    expect(exported['粉丝档案']['会员码']).toBe(memberCode)
    expect(exported['到店记录']['共计']).toBe(1)
    expect(file).not.toMatch(/"[A-Za-z]+":|\d{13}/)
    await screenshot(page, 'privacy-export')

    // 我的 → 删除我的数据 → the confirmation → done
    await page.goto(`${e2e.cloud.url}/#/pages/me/index`)
    await page.locator('.member-code').waitFor()
    await page.locator('.me-privacy-delete').click()
    await page.locator('.privacy-confirm').waitFor()
    await page.locator('.privacy-confirm').scrollIntoViewIfNeeded()
    await screenshot(page, 'privacy-delete-confirm')
    await page.locator('.privacy-delete-confirm').click()
    await page.getByText('您的数据已删除').waitFor()
    await page.locator('.me-not-fan').waitFor()
    expect(await page.locator('.member-code').count()).toBe(0)
    await screenshot(page, 'privacy-deleted')

    await staff.reload()
    await staff.locator('.fan-row').first().waitFor()
    expect(Number(await staff.locator('.fans-total').innerText())).toBe(totalBefore - 1)
    expect(await staff.getByText(memberCode).count()).toBe(0)
    await screenshot(staff, 'privacy-staff-fans-after')

    const after = await e2e.cloud.call<Ok<{ deleted: boolean; complete: boolean }>>('deleteMyData', { confirm: true }, shopper)
    expect(after.data).toMatchObject({ deleted: false, complete: true })
  })
})
