import type { Page } from 'playwright-core'
import { chinaDayKey, DAY_MS } from '../../src/domain/china-time'
import { e2eSession, pageAs, screenshot } from '../support/browser'

const e2e = e2eSession()

/** Pixels of the chart canvas that are not (near) white: a drawn chart has lines, axes and labels. */
const inkedPixels = (page: Page) =>
  page.locator('.kpi-trend canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray()
    let n = 0
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) n++
    return n
  })

type Ok<T> = { ok: true; data: T }

describe('KPI pages (journey 7)', () => {
  it('the brand manager opens the dashboard on demo data: headline, funnel, trend chart, sortable leaderboard, CSV', async () => {
    // The demo's counters were written as the event paths write them: recounting the last 30 days of
    // its event log (through the deployed bundle) finds no drift.
    const check = await e2e.cloud.call<Ok<{ rowsCompared: number; rowsDrifted: number }>>(
      'rebuildCounters',
      { from: chinaDayKey(Date.now() - 29 * DAY_MS), to: chinaDayKey(Date.now()), dryRun: true },
      'demo-manager'
    )
    expect(check.ok && check.data.rowsCompared).toBeGreaterThan(100)
    expect(check.ok && check.data.rowsDrifted).toBe(0)
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/dashboard/index`)
    await page.locator('.kpi-leaderboard .leaderboard-row').first().waitFor()
    await page.locator('.kpi-funnel .kpi-funnel-step').first().waitFor()
    await page.getByText('（北京时间，共 7 天）', { exact: false }).waitFor()
    expect(await page.locator('.leaderboard-row').count()).toBeGreaterThanOrEqual(6)
    expect(await inkedPixels(page)).toBeGreaterThan(500)

    await page.locator('.range-picker .range-preset-30d').click()
    await page.getByText('共 30 天', { exact: false }).waitFor()
    await page.locator('.leaderboard-sort-salesFen').click()
    await page.locator('.leaderboard-sort-salesFen.leaderboard-sort-active').waitFor()
    await page.locator('.leaderboard-row').first().waitFor()
    expect(await inkedPixels(page)).toBeGreaterThan(500)
    expect(await page.locator('.kpi-metric-sales .kpi-metric-value').innerText()).not.toBe('¥0.00')
    // The page scrolls inside Taro's container, so a full-page shot needs a viewport as tall as the page.
    await page.setViewportSize({ width: 390, height: 2300 })
    await page.locator('.csv-export').scrollIntoViewIfNeeded()
    await screenshot(page, 'kpi-dashboard')
    await page.setViewportSize({ width: 390, height: 844 })

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.csv-export-leaderboard').click()])
    expect(download.suggestedFilename()).toMatch(/^导购排行-全部门店-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.csv$/)
    await page.locator('.csv-export-message').waitFor()
  })

  it('a store manager sees only their store', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-store-manager')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/dashboard/index`)
    await page.locator('.kpi-leaderboard .leaderboard-row').first().waitFor()
    expect(await page.locator('.dashboard-store').count()).toBe(0)
    expect(await page.locator('.leaderboard-row').count()).toBeLessThanOrEqual(2)
  })

  it('a staff member cannot open the dashboard, and sees their own figures and rank instead', async () => {
    const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-staff-1')
    await page.goto(`${e2e.cloud.url}/#/manager/pages/dashboard/index`)
    await page.locator('.page-state-forbidden').waitFor()
    await page.getByText('没有权限').waitFor()
    expect(await page.locator('.kpi-leaderboard').count()).toBe(0)
    await screenshot(page, 'kpi-dashboard-forbidden')

    await page.goto(`${e2e.cloud.url}/#/staff/pages/kpi/index`)
    await page.locator('.staff-kpi-rank').waitFor()
    expect(await page.locator('.staff-kpi-rank').innerText()).toMatch(/第 \d+ 名 \/ 共 2 人/)
    await page.getByText('王芳 · 静安寺店', { exact: false }).waitFor()
    await screenshot(page, 'kpi-staff')
  })
})
