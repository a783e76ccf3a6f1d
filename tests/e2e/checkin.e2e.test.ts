import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }

describe('check-in by a staff member’s code (journeys 1 and 2)', () => {
  it('welcomes a new fan with a coupon, welcomes them back without a second one, and shows them in the staff member’s fans', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string; path: string }>>('staffCode', {}, 'demo-staff-1')
    expect(code.ok).toBe(true)
    const shopper = `e2e-shopper-${Date.now()}`
    const page = await pageAs(e2e.browser, e2e.cloud.url, shopper)

    await page.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}`)
    await page.locator('.checkin-welcome').waitFor()
    await page.getByText('王芳').first().waitFor()
    expect(await page.locator('.coupon-card').count()).toBe(1)
    await screenshot(page, 'checkin-new-fan')

    await page.reload()
    await page.locator('.checkin-welcome-back').waitFor()
    expect(await page.locator('.coupon-card').count()).toBe(0)
    await screenshot(page, 'checkin-welcome-back')

    const session = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    const staffPage = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await staffPage.goto(`${e2e.cloud.url}/#/staff/pages/fans/index`)
    await staffPage.locator('.fan-row').first().waitFor()
    await staffPage.getByText(session.data.fan.memberCode).first().waitFor()
    await screenshot(staffPage, 'staff-my-fans')
  })

  it('shows an invalid-code page for a forged staff code', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const forged = code.data.scene.replace('sf01', 'sf02')
    const page = await pageAs(e2e.browser, e2e.cloud.url, `e2e-forger-${Date.now()}`)
    await page.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(forged)}`)
    await page.locator('.invalid-code').waitFor()
    await screenshot(page, 'checkin-invalid-code')
  })

  it('shows the staff member’s own code page with a QR image that opens the H5 check-in', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await page.goto(`${e2e.cloud.url}/#/staff/pages/code/index`)
    const img = page.locator('img[src*="/files/codes/staff/"]').first()
    await img.waitFor()
    const src = await img.getAttribute('src')
    const res = await fetch(new URL(src ?? '', e2e.cloud.url))
    expect(res.headers.get('content-type')).toBe('image/png')
    await screenshot(page, 'staff-my-code')
  })
})
