import { weappSpec } from './harness/session'

weappSpec('staff code, poster and KPI pages on weapp (journeys 2 and 7)', (s) => {
  s.covers('src/components/staff-poster/index.tsx', 'saveImageToPhotosAlbum')
  s.covers('src/components/trend-chart/index.tsx', 'canvas:kpi-trend-canvas')
  s.covers('src/manager/pages/dashboard/deliver.ts', (log) =>
    log.some((c) => c.api === 'setClipboardData' && /\.csv$/.test(String((c.options as { data?: string })?.data)))
  )

  it('the staff code page shows the QR and shares a card that opens the check-in with her scene', async () => {
    const { page } = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/code/index' })
    await page.waitFor('.staff-qr')
    expect(await (await page.$('.staff-qr'))!.attribute('src')).toMatch(/\/files\/codes\/staff\/.+\.png$/)
    // the page no longer prints the raw scene (#18.17): the card must carry the one her code holds
    expect(await page.$('.staff-scene')).toBeNull()
    const scene = (await s.cloud.call<{ data: { scene: string } }>('staffCode', {}, 'demo-staff-1')).data.scene
    const share = (await page.callMethod('onShareAppMessage', { from: 'button' })) as { path: string; title: string }
    expect(share.path).toBe(`pages/checkin/index?scene=${encodeURIComponent(scene)}&via=share`)
    expect(share.title).toContain('王芳')
  })

  /** Taps a poster button and checks the poster was saved with its QR drawn; logs the ink as `RESULT <name>`. */
  async function posterSaved(opened: Awaited<ReturnType<typeof s.open>>, button: string, name: string): Promise<void> {
    const { mp, page } = opened
    await page.waitFor(button)
    await (await page.$(button))!.tap()
    const native = s.native(mp)
    if (!native) return
    await page.waitFor(() => native.log.toasts.includes('海报已保存到相册'))
    expect(native.log.album).toHaveLength(1)
    const ink = native.canvas('code-poster-canvas')!.ink()
    // 300×460 at pixel ratio 2; the QR alone is 360×360 device pixels, about half of them dark modules
    expect(ink).toMatchObject({ width: 600, height: 920 })
    expect(ink.dark).toBeGreaterThan(30_000)
    console.log(`RESULT ${name} painted=${ink.painted} dark=${ink.dark}`)
  }

  it('生成海报 draws the poster with her QR on a canvas 2d and saves it to the album', async () => {
    const opened = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/code/index' })
    await posterSaved(opened, '.staff-poster-button', 'weapp_poster_ink')
  })

  it('a QR that cannot be fetched leaves a grey placeholder: the dark-pixel count tells the two posters apart', async () => {
    const { mp, page } = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/code/index' })
    await page.waitFor('.staff-poster-button')
    await mp.mockWxMethod('getImageInfo', { errMsg: 'getImageInfo:fail download image fail' })
    await (await page.$('.staff-poster-button'))!.tap()
    const native = s.native(mp)
    if (!native) return
    await page.waitFor(() => native.log.album.length === 1)
    expect(native.canvas('code-poster-canvas')!.ink().dark).toBeLessThan(15_000)
  })

  // the store-code poster on 团队与二维码 (#18) lives here, not in team.weapp: a second spec file drawing a picture
  // trips @napi-rs/canvas's drawImage type check (jest loads its JS again per file over the one native addon)
  it('生成门店码海报 draws the store code on the weapp canvas and saves it', async () => {
    const button = '.team-store-code .staff-poster-button'
    const opened = await s.open({ persona: 'demo-store-manager', path: 'manager/pages/team/index' })
    await opened.page.waitFor(button)
    expect(await (await opened.page.$(button))!.text()).toBe('生成门店码海报')
    await posterSaved(opened, button, 'weapp_store_poster_ink')
  })

  it('without album permission the poster asks to open settings, in Chinese, and the page stays usable', async () => {
    const { mp, page } = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/code/index' })
    await page.waitFor('.staff-poster-button')
    await mp.mockWxMethod('saveImageToPhotosAlbum', { errMsg: 'saveImageToPhotosAlbum:fail auth deny' })
    await (await page.$('.staff-poster-button'))!.tap()
    const native = s.native(mp)
    if (!native) return
    await page.waitFor(() => native.log.modals.length > 0)
    expect(native.log.modals[0]).toEqual({ title: '需要相册权限', content: '请在设置中允许保存到相册后重试' })
    await page.waitFor(() => native.calls('openSetting').length === 1)
    await page.waitFor(async () => (await (await page.$('.staff-poster-button'))!.attribute('disabled')) !== 'true')
  })

  it('the manager’s dashboard draws the daily trend on its canvas and delivers the CSV as a link', async () => {
    const { mp, page } = await s.open({ persona: 'demo-manager', path: 'manager/pages/dashboard/index' })
    await page.waitFor('.kpi-leaderboard .leaderboard-row')
    expect((await page.$$('.leaderboard-row')).length).toBeGreaterThanOrEqual(6)
    expect(await page.text()).toContain('（北京时间，共 7 天）')
    const native = s.native(mp)
    if (native) {
      await page.waitFor(() => (native.canvas('kpi-trend-canvas')?.ink().painted ?? 0) > 500)
      const ink = native.canvas('kpi-trend-canvas')!.ink()
      console.log(`RESULT weapp_trend_ink painted=${ink.painted} dark=${ink.dark} size=${ink.width}x${ink.height}`)
    }
    await (await page.$('.csv-export-leaderboard'))!.tap()
    await page.waitFor('.csv-export-message')
    expect(await (await page.$('.csv-export-message'))!.text()).toMatch(/^已导出 导购排行-全部门店-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.csv（\d+ 行）$/)
    const link = ((await mp.callWxMethod('getClipboardData')) as { data: string }).data
    const csv = await (await fetch(link)).text()
    expect(csv.split('\n')[0]).toContain('导购')
    if (native) expect(native.log.modals.map((m) => m.title)).toContain('已生成 CSV')
  })

  it('a staff member sees their own figures and rank, and is refused the dashboard', async () => {
    const kpi = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/kpi/index' })
    await kpi.page.waitFor('.staff-kpi-rank')
    expect(await (await kpi.page.$('.staff-kpi-rank'))!.text()).toMatch(/第 \d+ 名 \/ 共 2 人/)
    const dash = await kpi.mp.navigateTo('/manager/pages/dashboard/index')
    await dash.waitFor('.page-state-forbidden')
    expect(await dash.text()).toContain('没有权限')
    expect(await dash.$('.kpi-leaderboard')).toBeNull()
  })
})
