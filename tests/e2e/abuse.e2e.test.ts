import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }
type Answer = { ok: boolean; code?: string; data?: { ownerStaff: { staffId: string } | null } }

describe('abuse limits (journey 8)', () => {
  it('a burst of new fans on one staff code is held with the store, flagged on the team page, and the manager approves it', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-2')
    const run = Date.now()
    // The default burst rule: more than 20 new fans on one code within 10 minutes.
    const answers: Answer[] = []
    for (let i = 0; i < 23; i++) answers.push(await e2e.cloud.call<Answer>('checkin', { scene: code.data.scene }, `e2e-burst-${run}-${i}`))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(answers.slice(0, 20).every((a) => a.data?.ownerStaff?.staffId === 'sf02')).toBe(true)
    expect(answers.slice(20).every((a) => a.data?.ownerStaff === null)).toBe(true)

    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    const flag = page.locator('.team-flag').first()
    await flag.waitFor()
    expect(await flag.locator('.team-flag-title').innerText()).toContain('暂归门店 3 位新粉')
    expect(await page.locator('.team-flags-open').innerText()).toContain('1 条待处理')
    await screenshot(page, 'manager-team-flag')
    await flag.locator('.team-flag-approve').click()
    await page.getByText('已将 3 位粉丝计入').waitFor()
    await page.locator('.team-flag-status').first().waitFor()
    expect(await page.locator('.team-flags-open').count()).toBe(0)
    await screenshot(page, 'manager-team-flag-approved')
  })

  it('a shopper scanning over and over is told to try again later', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-3')
    const shopper = `e2e-eager-${Date.now()}`
    for (let i = 0; i < 6; i++) expect((await e2e.cloud.call<Answer>('checkin', { scene: code.data.scene }, shopper)).ok).toBe(true)
    const page = await pageAs(e2e.browser, e2e.cloud.url, shopper)
    await page.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}`)
    await page.getByText('签到太频繁了，请稍后再试').waitFor()
    await screenshot(page, 'checkin-rate-limited')
  })
})
