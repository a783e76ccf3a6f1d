import type { Locator, Page } from 'playwright-core'
import QRCode from 'qrcode'
import { chinaDayKey, chinaDayKeyStart, DAY_MS } from '../../src/domain/china-time'
import { pickGroup } from '../../src/domain/group-rotation'
import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }
type Share = { members: number; fans: number; share: number | null }
type Row = { groupId: string; name: string; qrUrl: string; expiresAt: number; capacity: number; members: number; full: boolean; daysLeft: number }

/** The China day `days` after today, as the date picker holds it. */
const chinaDay = (days: number) => chinaDayKey(Date.now() + days * DAY_MS)

/** Drags a picker wheel (mouse, within the wheel: leaving it ends the drag) until `row` sits on the highlight. */
async function scrollWheel(page: Page, wheel: Locator, row: Locator): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const [band, item, area] = await Promise.all([wheel.locator('.weui-picker__indicator').boundingBox(), row.boundingBox(), wheel.boundingBox()])
    if (!band || !item || !area) throw new Error('date picker wheel not shown')
    const delta = item.y + item.height / 2 - (band.y + band.height / 2)
    if (Math.abs(delta) < band.height / 2) return
    const x = area.x + area.width / 2
    const reach = Math.min(Math.abs(delta), area.height - 24)
    const from = delta > 0 ? area.y + area.height - 12 : area.y + 12
    const to = delta > 0 ? from - reach : from + reach
    await page.mouse.move(x, from)
    await page.mouse.down()
    await page.mouse.move(x, to, { steps: 8 })
    await page.mouse.up()
    await page.waitForTimeout(400) // the wheel settles on a row (0.3 s transition), and the wheels after it follow
  }
  throw new Error('the date picker wheel did not reach its row')
}

/**
 * Sets Taro's H5 date picker the way a person does: open it, turn the year, month and day wheels to the
 * wanted rows, then 确定.
 */
async function pickDate(page: Page, opener: string, dayKey: string): Promise<void> {
  await page.locator(opener).click()
  // The sheet slides up: wait until it stands still.
  const sheet = page.locator('.weui-picker__hd')
  for (let last = ''; ; await page.waitForTimeout(200)) {
    const box = JSON.stringify(await sheet.boundingBox())
    if (box === last) break
    last = box
  }
  const [y, m, d] = dayKey.split('-').map(Number)
  // Rows read 2027年, 1月 or 01月 (zero-padded once a wheel before it has moved), 3日 or 03日.
  const rows = [new RegExp(`^${y}年$`), new RegExp(`^0?${m}月$`), new RegExp(`^0?${d}日$`)]
  for (const [col, label] of rows.entries()) {
    const wheel = page.locator('.weui-picker__group').nth(col)
    await scrollWheel(page, wheel, wheel.locator('.weui-picker__item').filter({ hasText: label }))
  }
  await page.locator('.weui-picker__action').filter({ hasText: '确定' }).click()
}

describe('manager uploads a group QR on H5 (journey 4)', () => {
  it('adds a group with an image picked through the file input; it is listed with its days left and shown to shoppers', async () => {
    const name = `上传测试群${Date.now() % 10_000}`
    // A real PNG, made here: the function accepts only PNG or JPEG by signature.
    const png = await QRCode.toBuffer(`https://example.invalid/group/${name}`, { type: 'png', width: 240, margin: 1 })

    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/groups/index?storeId=st01`)
    await page.locator('.group-form').waitFor()
    await page.locator('.group-form-name input').fill(name)
    await page.locator('.group-form-capacity input').fill('150')
    // The picker starts at the 7 days a WeChat group QR lasts (#18.9); this code is to be valid through the day after tomorrow.
    expect(await page.locator('.group-form-date').innerText()).toContain(chinaDay(7))
    const validUntil = chinaDay(2)
    await pickDate(page, '.group-form-date', validUntil)
    expect(await page.locator('.group-form-date').innerText()).toContain(`有效至 ${validUntil}`)

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.group-form-image').click()])
    await chooser.setFiles({ name: 'group-qr.png', mimeType: 'image/png', buffer: png })
    await page.getByText('已选择图片，点此更换').waitFor()
    await screenshot(page, 'manager-group-upload-form')

    await page.locator('.group-form-save').click()
    await page.locator('.groups-notice').filter({ hasText: name }).waitFor()

    // Listed, expiring at China midnight after the chosen day, with the days left that gives.
    const list = (await e2e.cloud.call<Ok<{ groups: Row[] }>>('groupCodes', { storeId: 'st01' }, 'demo-manager')).data.groups
    const saved = list.find((g) => g.name === name)
    expect(saved).toBeDefined()
    expect(saved).toMatchObject({ capacity: 150, members: 0, full: false, expiresAt: chinaDayKeyStart(validUntil) + DAY_MS })
    expect(saved!.daysLeft).toBe(Math.ceil((saved!.expiresAt - Date.now()) / DAY_MS))
    expect(saved!.qrUrl).toContain('/files/')
    const row = page.locator('.group-row').filter({ hasText: name })
    await row.waitFor()
    expect(await row.locator('.group-days-left').innerText()).toContain(`剩 ${saved!.daysLeft} 天`)
    expect(await row.locator('.group-members').innerText()).toContain('成员 0 / 150')
    await page.waitForFunction((n) => {
      const rows = Array.from(document.querySelectorAll('.group-row')).filter((r) => r.textContent?.includes(n))
      return ((rows[0]?.querySelector('.group-row-qr img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0
    }, name)
    // The share card reads the same figure as the function answers.
    const figure = (await e2e.cloud.call<Ok<{ groupShare: Share }>>('groupCodes', { storeId: 'st01' }, 'demo-manager')).data.groupShare
    expect(await page.locator('.group-share-counts').innerText()).toContain(`入群粉丝 ${figure.members} / 门店粉丝 ${figure.fans}`)
    await screenshot(page, 'manager-group-uploaded')

    // The shopper's page shows the code the rotation rule picks; the new, empty group is the least filled.
    const expected = pickGroup(list, Date.now())
    expect(expected?.groupId).toBe(saved!.groupId)
    const shopper = await pageAs(e2e.browser, e2e.cloud.url, `e2e-upload-shopper-${Date.now()}`)
    await shopper.goto(`${e2e.cloud.url}/#/pages/group/index?storeId=st01`)
    const image = shopper.locator('.group-code-image img')
    await image.waitFor()
    await shopper.waitForFunction(() => ((document.querySelector('.group-code-image img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0)
    const src = (await image.getAttribute('src')) ?? ''
    expect(new URL(src, e2e.cloud.url).pathname).toBe(new URL(saved!.qrUrl, e2e.cloud.url).pathname)
    expect(src).toContain('/files/')
    // The served file is the very image the manager picked.
    const served = Buffer.from(await (await fetch(new URL(src, e2e.cloud.url))).arrayBuffer())
    expect(served.equals(png)).toBe(true)
    await screenshot(shopper, 'group-uploaded-shown')
  })

  it('a new fan of the store who joins moves the share on the dashboard, labelled with what it counts', async () => {
    const brandShare = async () => (await e2e.cloud.call<Ok<{ groupShare: Share }>>('kpiDashboard', { range: '7d' }, 'demo-manager')).data.groupShare
    const before = await brandShare()
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `e2e-share-${Date.now()}`
    expect((await e2e.cloud.call<{ ok: boolean }>('checkin', { scene: code.data.scene }, shopper)).ok).toBe(true)
    expect((await e2e.cloud.call<{ ok: boolean }>('joinGroup', { groupId: 'gr-st01-1' }, shopper)).ok).toBe(true)
    const after = await brandShare()
    expect(after).toMatchObject({ members: before.members + 1, fans: before.fans + 1 })

    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/dashboard/index`)
    const card = page.locator('.dashboard .group-share')
    await card.waitFor()
    expect(await card.locator('.group-share-counts').innerText()).toContain(`入群粉丝 ${after.members} / 门店粉丝 ${after.fans}`)
    expect(await card.locator('.group-share-value').innerText()).toBe(`${((after.share ?? 0) * 100).toFixed(1)}%`)
    expect(await card.locator('.group-share-note').innerText()).toContain('首次在该店签到')
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'dashboard-group-share')
  })
})
