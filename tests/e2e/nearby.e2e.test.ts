import type { BrowserContextOptions, Page } from 'playwright-core'
import { e2eSession, screenshot, settledCount } from '../support/browser'

const e2e = e2eSession()

/** The nearby page in a phone-sized context; `geo` grants the browser's geolocation at that WGS-84 point. */
async function openNearby(geo: { longitude: number; latitude: number } | null): Promise<Page> {
  const options: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' }
  const context = await e2e.browser.newContext(geo ? { ...options, geolocation: geo, permissions: ['geolocation'] } : options)
  await context.addInitScript(() => window.localStorage.setItem('fanloop.persona', 'e2e-nearby-shopper'))
  const page = await context.newPage()
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`))
  await page.goto(`${e2e.cloud.url}/#/pages/nearby/index`)
  await page.locator('.nearby-store').first().waitFor()
  return page
}

/** '850米' → 850, '1.2公里' → 1200 */
const metres = (text: string): number => (text.endsWith('公里') ? parseFloat(text) * 1000 : parseFloat(text))

async function listed(page: Page): Promise<Array<{ name: string; distance: number }>> {
  const names = await page.locator('.nearby-store .store-name').allInnerTexts()
  const distances = await page.locator('.nearby-store .store-distance').allInnerTexts()
  return names.map((name, i) => ({ name, distance: metres(distances[i] ?? 'NaN') }))
}

describe('nearby stores (journey 5) in the H5 build', () => {
  it('lists the demo stores nearest first from the browser’s location, with hours, open-now, map and phone', async () => {
    // WGS-84 near 静安寺 (the page converts to GCJ-02, about 500 m away, as the stores are stored)
    const page = await openNearby({ longitude: 121.4411, latitude: 31.2255 })
    const stores = await listed(page)
    expect(stores.map((s) => s.name)).toEqual(['静安寺店', '中山公园店', '徐家汇店', '人民广场店', '陆家嘴店', '五角场店'])
    expect(stores.map((s) => s.distance)).toEqual([...stores.map((s) => s.distance)].sort((a, b) => a - b))
    expect(stores[0].distance).toBeLessThan(300)
    expect(await page.locator('.location-demo').count()).toBe(0)
    const first = page.locator('.nearby-store').first()
    await first.getByText('上海市静安区南京西路1618号').waitFor()
    await first.getByText('营业时间 10:00-22:00').waitFor()
    expect(await first.locator('.store-open').innerText()).toMatch(/^(营业中|已打烊)$/)
    expect(await page.locator('.store-call').count()).toBe(6)
    await screenshot(page, 'nearby')

    // 导航 opens a map at the store's GCJ-02 point
    await page.evaluate(() => {
      const w = window as unknown as { open: (url: string) => null; __opened?: string }
      w.open = (url: string) => ((w.__opened = url), null)
    })
    await first.locator('.store-nav').click()
    const opened = await page.evaluate(() => (window as unknown as { __opened?: string }).__opened ?? '')
    expect(opened).toContain('uri.amap.com/marker')
    expect(decodeURIComponent(opened)).toContain('position=121.44562,31.22347')
  })

  it('lists stores by city, with no distances, when the browser gives no location, without blocking the page', async () => {
    const started = Date.now()
    const page = await openNearby(null)
    expect(Date.now() - started).toBeLessThan(15_000)
    await page.locator('.nearby-by-city').waitFor()
    await page.locator('.location-denied').waitFor()
    expect(await settledCount(page, '.nearby-store', 6)).toBe(6)
    expect(await page.locator('.nearby-store .store-distance').count()).toBe(0)
  })

  it('lists stores by city from the city picker, and goes back to distance', async () => {
    const page = await openNearby({ longitude: 121.4411, latitude: 31.2255 })
    await page.locator('.switch-city').click()
    await page.locator('.city-picker .city-option-active').getByText('上海').waitFor()
    await page.locator('.nearby-by-city').waitFor()
    expect(await page.locator('.nearby-store').count()).toBe(6)
    expect(await page.locator('.nearby-store .store-distance').count()).toBe(0)
    await screenshot(page, 'nearby-by-city')
    await page.locator('.switch-nearby').click()
    await page.locator('.nearby-store .store-distance').first().waitFor()
    expect((await listed(page))[0].name).toBe('静安寺店')
  })
})
