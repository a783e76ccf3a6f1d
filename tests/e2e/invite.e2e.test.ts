import { e2eSession, pageAs, screenshot, settledCount } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }

describe('onboarding a new staff member by invite (journey 10) in the H5 build', () => {
  it('a store manager invites, the new hire accepts with their name, sees their code, and their first fan shows up', async () => {
    const stamp = Date.now()
    // 店长 林涛 (人民广场店) creates an invite on 团队与二维码 → 邀请
    const manager = await pageAs(e2e.browser, e2e.cloud.url, 'demo-store-manager')
    await manager.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    await manager.locator('.team-invites .invite-create').waitFor()
    // the demo's pending invite is listed
    await manager.locator('.invite-row', { hasText: '小陈' }).waitFor()
    await manager.locator('.invite-name-input input').fill('小安')
    await manager.locator('.invite-create').click()
    await manager.locator('.invite-qr').waitFor()
    const path = (await manager.locator('.invite-path').innerText()).trim()
    const inviteId = /inviteId=([A-Za-z0-9]{20})$/.exec(path)?.[1]
    expect(inviteId).toBeTruthy()
    await manager.locator('.invite-row', { hasText: '小安' }).waitFor()
    await screenshot(manager, 'team-invite-created')

    // the new hire opens the invite (share card path), corrects the name and joins
    const hire = `e2e-new-hire-${stamp}`
    const page = await pageAs(e2e.browser, e2e.cloud.url, hire)
    await page.goto(`${e2e.cloud.url}/#/${path}`)
    await page.locator('.invite-card').waitFor()
    await page.getByText('人民广场店').first().waitFor()
    await page.locator('.invite-role').getByText('导购').waitFor()
    expect(await page.locator('.invite-name input').inputValue()).toBe('小安')
    await page.locator('.invite-name input').fill('安然')
    await screenshot(page, 'invite-open')
    await page.locator('.invite-accept').click()
    await page.locator('.invite-done').waitFor()
    await page.getByText('欢迎加入 人民广场店').waitFor()
    await screenshot(page, 'invite-accepted')

    // at once: their own staff code
    await page.locator('.invite-go-code').click()
    await page.locator('.staff-code-name').getByText('安然').waitFor()
    await page.locator('.staff-qr').waitFor()
    // the page shows the QR, not the scene string (#18.17); the scene the QR carries, as the new hire's own
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, hire)
    const scene = code.data.scene
    expect(scene).toMatch(/^T\./)
    await screenshot(page, 'invite-new-staff-code')

    // a shopper scans it: welcomed by 安然
    const shopper = `e2e-invite-fan-${stamp}`
    const fanPage = await pageAs(e2e.browser, e2e.cloud.url, shopper)
    await fanPage.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(scene)}`)
    await fanPage.locator('.checkin-welcome').waitFor()
    await fanPage.getByText('安然').first().waitFor()

    // and the new staff member sees that first fan
    const session = await e2e.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    await page.goto(`${e2e.cloud.url}/#/staff/pages/fans/index`)
    expect(await settledCount(page, '.fan-row', 1)).toBe(1)
    await page.getByText(session.data.fan.memberCode).first().waitFor()
    await screenshot(page, 'invite-first-fan')

    // the invite is used: no longer pending for the manager, and nobody else can open it
    await manager.reload()
    await manager.locator('.invite-row', { hasText: '小陈' }).waitFor()
    expect(await manager.locator('.invite-row', { hasText: '小安' }).count()).toBe(0)
    const other = await pageAs(e2e.browser, e2e.cloud.url, `e2e-latecomer-${stamp}`)
    await other.goto(`${e2e.cloud.url}/#/${path}`)
    await other.locator('.invite-accepted').waitFor()
  })
})
