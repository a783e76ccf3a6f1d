import type { BrowserContextOptions, Page } from 'playwright-core'
import { e2eSession, pageAs, screenshot, settledCount } from '../support/browser'

const e2e = e2eSession()

// ~150 m from the nearby page's demo location (静安寺, 121.4456, 31.2235, GCJ-02): nearer than 中山公园店.
const NEW_STORE = {
  name: '愚园路店',
  city: '上海',
  address: '上海市长宁区愚园路1088号',
  longitude: '121.4471',
  latitude: '31.2243',
  hours: '08:00-21:00',
  phone: '021-62990000'
}

async function openStores(): Promise<Page> {
  const page = await pageAs(e2e.browser, e2e.cloud.url, 'demo-manager')
  await page.goto(`${e2e.cloud.url}/#/manager/pages/stores/index`)
  await page.locator('.store-row').first().waitFor()
  return page
}

/** A shopper's nearby page, the browser located near 静安寺 (WGS-84; the page converts to GCJ-02). */
async function openNearby(): Promise<Page> {
  const options: BrowserContextOptions = {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    geolocation: { longitude: 121.4411, latitude: 31.2255 },
    permissions: ['geolocation']
  }
  const context = await e2e.browser.newContext(options)
  await context.addInitScript(() => window.localStorage.setItem('fanloop.persona', 'e2e-stores-shopper'))
  const page = await context.newPage()
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`))
  await page.goto(`${e2e.cloud.url}/#/pages/nearby/index`)
  await page.locator('.nearby-by-distance').waitFor()
  await page.locator('.nearby-store .store-distance').first().waitFor()
  return page
}

const fill = async (page: Page, cls: string, value: string) => {
  const input = page.locator(`.store-form .${cls} input`)
  await input.fill(value)
}

describe('store management (journey 5, manager side) in the H5 build', () => {
  it('a brand manager adds a store with typed coordinates; shoppers nearby see it; a phone edit shows', async () => {
    const page = await openStores()
    expect(await settledCount(page, '.store-row', 6)).toBe(6)
    await page.locator('.store-row').first().getByText('营业中').waitFor()
    await screenshot(page, 'manager-stores')

    await page.locator('.store-new').click()
    await page.locator('.store-form').waitFor()
    // H5 has no map picker: two number inputs instead of 在地图上选点
    expect(await page.locator('.store-pick').count()).toBe(0)
    await fill(page, 'store-name', NEW_STORE.name)
    await page.locator('.store-save').click()
    await page.locator('.store-note').getByText('新增门店需要填写：城市、地址、经度、纬度、营业时间、电话').waitFor()
    for (const key of ['city', 'address', 'longitude', 'latitude', 'hours', 'phone'] as const) await fill(page, `store-${key}`, NEW_STORE[key])
    await screenshot(page, 'manager-store-new')
    await page.locator('.store-save').click()
    await page.locator('.store-notice').getByText(`已新增「${NEW_STORE.name}」`).waitFor()
    await page.locator('.store-row', { hasText: NEW_STORE.name }).waitFor()
    expect(await settledCount(page, '.store-row', 7)).toBe(7)

    const nearby = await openNearby()
    const names = await nearby.locator('.nearby-store .store-name').allInnerTexts()
    expect(names.slice(0, 2)).toEqual(['静安寺店', NEW_STORE.name])
    const card = nearby.locator('.nearby-store', { hasText: NEW_STORE.name })
    await card.getByText(NEW_STORE.address).waitFor()
    await card.getByText(`营业时间 ${NEW_STORE.hours}`).waitFor()
    await screenshot(nearby, 'nearby-new-store')

    // Edit the phone: the manager's list shows the new number.
    const row = page.locator('.store-row', { hasText: NEW_STORE.name })
    await row.locator('.store-edit').click()
    await page.locator('.store-form .store-active').waitFor()
    await fill(page, 'store-phone', '021-62990001')
    await page.locator('.store-save').click()
    await page.locator('.store-notice').getByText(`已保存「${NEW_STORE.name}」`).waitFor()
    await page.locator('.store-row', { hasText: NEW_STORE.name }).getByText('电话 021-62990001').waitFor()
    await screenshot(page, 'manager-store-edited')

    // The nearby card dials rather than prints the number: ask the shopper's function what it now dials.
    type Nearby = { ok: true; data: { stores: Array<{ name: string; phone: string }> } }
    const res = await e2e.cloud.call<Nearby>('nearbyStores', { longitude: 121.4456, latitude: 31.2235 }, 'e2e-stores-shopper')
    expect(res.data.stores.find((s) => s.name === NEW_STORE.name)?.phone).toBe('021-62990001')
  })
})
