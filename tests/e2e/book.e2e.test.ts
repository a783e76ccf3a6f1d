import type { Page } from 'playwright-core'
import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

type Ok<T> = { ok: true; data: T }
type Stats = { staff: Array<{ staffId: string; done: number; due: number }> }
const typeInto = (page: Page, className: string, text: string) => page.locator(`.${className} input`).fill(text)

describe('customer book (journey 9)', () => {
  it('a shopper shows a nickname and phone tail; her staff member finds her by the tail, tags her, issues a follow-up coupon; the manager sees it counted', async () => {
    const before = await e2e.cloud.call<Ok<Stats>>('followUpStats', { storeId: 'st01' }, 'demo-manager')
    const doneBefore = before.data.staff.find((s) => s.staffId === 'sf01')!.done

    // 小林 (a fan of 王芳) on 我的 → 向我的导购展示: a nickname, and her phone's last four digits
    const shopper = await pageAs(e2e.browser, e2e.cloud.url, 'demo-shopper-1')
    await shopper.goto(`${e2e.cloud.url}/#/pages/me/index`)
    await shopper.locator('.me-profile').waitFor()
    await typeInto(shopper, 'me-profile-nickname', '林小姐')
    await shopper.locator('.me-profile-nickname-save').click()
    await shopper.getByText('昵称已保存').waitFor()
    await typeInto(shopper, 'me-profile-tail-input', '13955554321')
    await shopper.locator('.me-profile-tail-share').click()
    await shopper.getByText('尾号 4321').waitFor()
    await screenshot(shopper, 'book-shopper-profile')

    // 王芳: 顾客名册 → search 4321 → her page
    const staff = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await staff.goto(`${e2e.cloud.url}/#/staff/pages/book/index`)
    // it opens on 今日跟进: the demo book has fans due, each with its reason
    await staff.locator('.book-row .book-due').first().waitFor()
    await screenshot(staff, 'book-due-list')
    await staff.locator('.book-tab-book').click()
    await typeInto(staff, 'book-q', '4321')
    await staff.locator('.book-search-go').click()
    await staff.locator('.book-row').getByText('林小姐').waitFor()
    await screenshot(staff, 'book-search-tail')
    await staff.locator('.book-row').filter({ hasText: '林小姐' }).click()
    await staff.locator('.fan-name').getByText('林小姐').waitFor()
    await staff.getByText('手机尾号：4321').waitFor()

    // a tag, then a follow-up coupon from the care template
    await typeInto(staff, 'fan-tags-input', '爱拿铁 回头客')
    await staff.locator('.fan-tags-save').click()
    await staff.locator('.fan-tag').getByText('回头客').waitFor()
    await staff.locator('.fan-follow-template').getByText('导购关怀券 满50减10').waitFor()
    await typeInto(staff, 'fan-follow-note', '送张券，欢迎周末来')
    await staff.locator('.fan-follow-coupon').click()
    await staff.getByText('已发券：导购关怀券 满50减10').waitFor()
    await staff.locator('.fan-history-row').getByText('送张券，欢迎周末来', { exact: false }).waitFor()
    await screenshot(staff, 'book-fan-page')

    // the coupon is in her wallet
    await shopper.goto(`${e2e.cloud.url}/#/pages/wallet/index`)
    await shopper.getByText('导购关怀券 满50减10').first().waitFor()

    // 陈静 on 数据看板: 王芳's follow-ups done went up
    const after = await e2e.cloud.call<Ok<Stats>>('followUpStats', { storeId: 'st01' }, 'demo-manager')
    const doneAfter = after.data.staff.find((s) => s.staffId === 'sf01')!.done
    expect(doneAfter).toBeGreaterThan(doneBefore)
    const manager = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await manager.goto(`${e2e.cloud.url}/#/manager/pages/dashboard/index`)
    const row = manager.locator('.follow-ups-sf01 .follow-ups-counts')
    await row.waitFor()
    await row.scrollIntoViewIfNeeded()
    await manager.waitForFunction(([sel, done]) => document.querySelector(sel)?.textContent?.trim().endsWith(`/ ${done}`) ?? false, [
      '.follow-ups-sf01 .follow-ups-counts',
      doneAfter
    ] as const)
    await screenshot(manager, 'book-manager-follow-ups')
  })
})
