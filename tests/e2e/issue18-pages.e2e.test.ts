import { chinaDayKey, DAY_MS } from '../../src/domain/china-time'
import { e2eSession, pageAs, screenshot } from '../support/browser'
import { answerModal, pickRow } from '../support/h5-controls'

/** Issue #18, the page items: what a manager, a staff member and a shopper see and tap on H5. */
const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }

describe('#18 page items (H5)', () => {
  it('#18.7 the brand manager switches 团队与二维码 to any store, one just added included; a store manager sees only hers', async () => {
    const name = `新店${Date.now() % 100_000}`
    const added = await e2e.cloud.call<Ok<{ storeId: string }>>(
      'saveStore',
      { name, city: '上海', address: '上海市测试路1号', longitude: 121.47, latitude: 31.23, hours: '10:00-22:00', phone: '021-00000000' },
      'demo-manager'
    )
    expect(added.ok).toBe(true)

    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    await page.locator('.team-member').first().waitFor()
    // Her own row says what she is: the brand's manager, not a store manager.
    const herRow = page.locator('.team-member').filter({ hasText: '陈静' })
    expect(await herRow.innerText()).toContain('品牌运营')
    expect(await herRow.innerText()).not.toContain('店长')

    await pickRow(page, page.locator('.team-store-switch'), name)
    await page.locator('.team-store-code .section-title').filter({ hasText: name }).waitFor()
    await page.locator('.team-empty').waitFor()
    await screenshot(page, 'issue18-7-team-new-store')

    const store = await pageAs(e2e.browser, e2e.cloud.url, 'demo-store-manager')
    await store.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    await store.locator('.team-store-code .section-title').filter({ hasText: '人民广场店' }).waitFor()
    expect(await store.locator('.team-store-switch').count()).toBe(0)
  })

  it('#18.9 a new group code defaults to 7 days, and check-in, group page and manager show one expiry date', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/groups/index?storeId=st01`)
    await page.locator('.group-form').waitFor()
    expect(await page.locator('.group-form-date').innerText()).toContain(chinaDayKey(Date.now() + 7 * DAY_MS))

    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = await pageAs(e2e.browser, e2e.cloud.url, `e2e-18-9-${Date.now()}`)
    await shopper.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}`)
    await shopper.locator('.group-entry').waitFor()
    const entry = await e2e.cloud.call<Ok<{ group: { groupId: string; expiresAt: number } | null }>>('groupEntry', { storeId: 'st01' }, 'demo-shopper-2')
    const lastDay = chinaDayKey(entry.data.group!.expiresAt - 1)
    expect(await shopper.locator('.group-entry').innerText()).toContain(`有效至 ${lastDay}`)
    await shopper.locator('.group-entry-join').click()
    await shopper.locator('.group-hint').waitFor()
    expect(await shopper.locator('.group-hint').innerText()).toContain(`有效至 ${lastDay}`)

    const row = page
      .locator('.group-row')
      .filter({ has: page.locator(`.group-days-left`) })
      .first()
    await row.waitFor()
    const rows = await page.locator('.group-days-left').allInnerTexts()
    expect(rows.some((t) => t.includes(`有效至 ${lastDay}`))).toBe(true)
  })

  it('#18.11 a phone bound on 我的 stays shown as bound after a reload, and finds the fan at the till', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const openid = `e2e-18-11-${Date.now()}`
    const phone = `139${String(Date.now()).slice(-8)}`
    const shopper = await pageAs(e2e.browser, e2e.cloud.url, openid)
    await shopper.goto(`${e2e.cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}`)
    await shopper.locator('.checkin-welcome').waitFor()
    await shopper.goto(`${e2e.cloud.url}/#/pages/me/index`)
    await shopper.locator('.me-phone-input input').fill(phone)
    await shopper.locator('.me-bind-phone').click()
    await shopper.locator('.me-notice').filter({ hasText: '已绑定' }).waitFor()
    await shopper.reload()
    await shopper.locator('.me-phone-bound').filter({ hasText: '已绑定手机号' }).waitFor()
    const memberCode = await shopper.locator('.member-code').innerText()

    const staff = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await staff.goto(`${e2e.cloud.url}/#/staff/pages/sale/index`)
    await staff.locator('.sale-member-code input').fill(phone)
    await staff.locator('.sale-amount input').fill('36')
    await staff.locator('.sale-confirm').click()
    await staff.locator('.sale-done').waitFor()
    expect(await staff.locator('.sale-done').innerText()).toContain(memberCode.trim())
    await screenshot(staff, 'issue18-11-sale-by-phone')
  })

  it('#18.13 作废二维码 and 暂停 ask first and say what happens; 取消 changes nothing', async () => {
    const scene = async () => (await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-3')).data.scene
    const before = await scene()
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-store-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    const row = page.locator('.team-member').filter({ hasText: '张伟' })
    await row.locator('.team-revoke').click()
    expect(await answerModal(page, /作废/, false)).toMatch(/旧二维码.*失效|失效/)
    expect(await scene()).toBe(before)
    await row.locator('.team-revoke').click()
    await answerModal(page, /作废/, true)
    await page.locator('.team-notice').filter({ hasText: '已作废' }).waitFor()
    expect(await scene()).not.toBe(before)

    const tpl = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await tpl.goto(`${e2e.cloud.url}/#/manager/pages/coupons/index`)
    const first = tpl
      .locator('.tpl-row')
      .filter({ hasNot: tpl.locator('.tpl-row-paused') })
      .first()
    await first.waitFor()
    const title = await first.locator('.tpl-title').innerText()
    await first.locator('.tpl-pause').click()
    expect(await answerModal(tpl, /暂停/, false)).toMatch(/停止发放/)
    const templates = await e2e.cloud.call<Ok<{ templates: Array<{ title: string; paused: boolean }> }>>('couponTemplates', {}, 'demo-manager')
    expect(templates.data.templates.find((t) => t.title === title)?.paused).toBe(false)
  })

  it('#18.13 撤销核销 asks first and says what happens; 取消 keeps the coupon used', async () => {
    const code = await e2e.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const shopper = `e2e-18-13-${Date.now()}`
    const checkin = await e2e.cloud.call<Ok<{ couponsIssued: Array<{ code: string }> }>>('checkin', { scene: code.data.scene }, shopper)
    const coupon = checkin.data.couponsIssued[0].code
    const usable = async () => (await e2e.cloud.call<Ok<{ usable: Array<{ code: string }> }>>('wallet', {}, shopper)).data.usable.some((c) => c.code === coupon)

    const till = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await till.goto(`${e2e.cloud.url}/#/staff/pages/redeem/index`)
    await till.locator('.redeem-input input').fill(coupon)
    await till.locator('.redeem-lookup').click()
    await till.locator('.redeem-verdict-ok').waitFor()
    await till.locator('.redeem-confirm').click()
    await till.locator('.redeem-result').waitFor()
    expect(await usable()).toBe(false)

    await till.locator('.redeem-undo').click()
    expect(await answerModal(till, /恢复为未使用/, false)).toMatch(/再次使用/)
    expect(await usable()).toBe(false)
    await till.locator('.redeem-undo').click()
    await answerModal(till, /恢复为未使用/, true)
    await till.getByText('已撤销核销').waitFor()
    expect(await usable()).toBe(true)
  })

  it('#18.14 #18.15 the store code makes a printable poster, shown whole, with the brand on it', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-store-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/team/index`)
    await page.locator('.team-store-code .staff-poster-button').click()
    const preview = page.locator('.team-store-code .staff-poster-preview')
    await preview.waitFor()
    await page.waitForFunction(() => ((document.querySelector('.staff-poster-preview img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0)
    const box = (await preview.boundingBox())!
    const img = await page.evaluate(() => {
      const i = document.querySelector('.staff-poster-preview img') as HTMLImageElement
      return { w: i.naturalWidth, h: i.naturalHeight }
    })
    // the box has the poster's proportions (300 × 460), and the picture fills it: no part is cut off
    expect(box.height / box.width).toBeCloseTo(img.h / img.w, 1)
    const shown = (await preview.locator('img').boundingBox())!
    expect(Math.abs(shown.x - box.x) + Math.abs(shown.y - box.y) + Math.abs(shown.width - box.width) + Math.abs(shown.height - box.height)).toBeLessThan(4)
    await page.locator('.team-store-code .staff-poster-download').waitFor()
    await screenshot(page, 'issue18-14-store-poster')

    const staff = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await staff.goto(`${e2e.cloud.url}/#/staff/pages/code/index`)
    await staff.locator('.staff-poster-button').click()
    const staffBox = (await staff.locator('.staff-poster-preview').boundingBox())!
    expect(staffBox.height / staffBox.width).toBeCloseTo(460 / 300, 1)
    // #18.17: no scene string or share path on 我的导购码
    const text = await staff.locator('.page').first().innerText()
    expect(text).not.toMatch(/scene|pages\/checkin|[A-Za-z0-9_-]{20,}/)
  })

  it('#18.16 nearby without a location lists stores by city with no distances', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, `e2e-18-16-${Date.now()}`)
    await page.goto(`${e2e.cloud.url}/#/pages/nearby/index`)
    await page.locator('.nearby-store').first().waitFor({ timeout: 15_000 })
    await page.locator('.nearby-by-city').waitFor()
    expect(await page.locator('.store-distance').count()).toBe(0)
    expect(await page.locator('.nearby-by-distance').count()).toBe(0)
    await screenshot(page, 'issue18-16-nearby-no-location')
  })
})
