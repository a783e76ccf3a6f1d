import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }
type Wallet = Ok<{ usable: Array<{ title: string }> }>
const groupCoupons = async (openid: string) =>
  (await e2e.cloud.call<Wallet>('wallet', {}, openid)).data.usable.filter((c) => c.title.startsWith('进群礼')).length

describe('community group (journey 4)', () => {
  it('after check-in the shopper opens "join our group", sees the code, taps "I\'ve joined" and gets the group coupon once', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `e2e-group-${Date.now()}`
    const page = await pageAs(e2e.browser, e2e.cloud.url, shopper)
    await page.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}`)
    await page.locator('.checkin-welcome').waitFor()
    await page.locator('.group-entry-join').click()

    const image = page.locator('.group-code-image img')
    await image.waitFor()
    await page.waitForFunction(() => ((document.querySelector('.group-code-image img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0)
    expect(await image.getAttribute('src')).toContain('/files/demo/group-st01.png')
    await page.locator('.group-join-confirm').click()
    await page.locator('.group-joined .coupon-card').waitFor()
    await page.getByText('进群礼 任意饮品9折').first().waitFor()
    await screenshot(page, 'group-join')
    expect(await groupCoupons(shopper)).toBe(1)

    // Coming back: already joined, no button to tap again; a repeated call changes nothing.
    await page.reload()
    await page.locator('.group-joined').waitFor()
    expect(await page.locator('.group-join-confirm').count()).toBe(0)
    const again = await e2e.cloud.call<Ok<{ created: boolean }>>('joinGroup', { groupId: 'gr-st01-1' }, shopper)
    expect(again.data.created).toBe(false)
    expect(await groupCoupons(shopper)).toBe(1)
  })

  it("the manager's page shows the member count and the days left, with the warning badge before the last code expires", async () => {
    const before = await e2e.cloud.call<Ok<{ groups: Array<{ groupId: string; members: number; daysLeft: number }> }>>(
      'groupCodes',
      { storeId: 'st01' },
      'demo-manager'
    )
    const g = before.data.groups.find((x) => x.groupId === 'gr-st01-1')!
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/groups/index?storeId=st01`)
    await page.locator('.group-row').first().waitFor()
    expect(await page.locator('.group-members').first().innerText()).toContain(`成员 ${g.members} / 200`)
    expect(await page.locator('.group-days-left').first().innerText()).toContain(`剩 ${g.daysLeft} 天`)
    // The demo's st01 code expires in two days: the badge shows, and the managers were messaged once.
    await page.locator('.group-warning').waitFor()
    await screenshot(page, 'manager-groups')
    const outbox = (await (await fetch(`${e2e.cloud.url}/dev/outbox`)).json()) as Array<{ kind: string; page?: string }> | { messages?: unknown[] }
    const messages = (Array.isArray(outbox) ? outbox : ((outbox.messages ?? []) as Array<{ kind: string; page?: string }>)).filter((m) =>
      m.page?.includes('storeId=st01')
    )
    expect(messages.length).toBeGreaterThan(0)
  })

  it('a store with no usable code says so and offers the store phone', async () => {
    await e2e.cloud.call('saveGroupCode', { storeId: 'st02', groupId: 'gr-st02-1', full: true }, 'demo-manager')
    const page = await pageAs(e2e.browser, e2e.cloud.url, `e2e-nogroup-${Date.now()}`)
    await page.goto(`${e2e.cloud.url}/#/pages/group/index?storeId=st02`)
    await page.locator('.group-none').waitFor()
    await page.locator('.group-call').waitFor()
    await screenshot(page, 'group-none')
  })
})
