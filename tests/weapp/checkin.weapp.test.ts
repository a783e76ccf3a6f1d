import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }

weappSpec('check-in by a staff code on weapp (journeys 1 and 2)', (s) => {
  s.covers('src/api/transport.ts', 'cloud.callFunction')
  s.covers('src/pages/checkin/device.ts', 'getDeviceInfo')
  // its weapp half renders nothing: the home page (its only user) rendered, and the test below finds no switcher
  s.covers('src/components/persona-switcher/index.tsx', 'render:pages/index/index')

  it('a scanned staff code opens the check-in page with a welcome and a coupon; a second scan welcomes back without one', async () => {
    const code = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    expect(code.ok).toBe(true)
    const shopper = `weapp-shopper-${Date.now()}`
    // WeChat passes the scene URL-encoded in options.scene: the page must decode it
    const first = await s.open({ persona: shopper, path: `pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}` })
    await first.page.waitFor('.checkin-welcome')
    expect(await first.page.text()).toContain('王芳')
    expect(await first.page.$$('.coupon-card')).toHaveLength(1)
    // the device fingerprint (model, system, screen) was read for the check-in
    const native = s.native(first.mp)
    if (native) expect(native.calls('getDeviceInfo').length).toBeGreaterThan(0)

    const again = await s.open({ persona: shopper, path: `pages/checkin/index?scene=${encodeURIComponent(code.data.scene)}` })
    await again.page.waitFor('.checkin-welcome-back')
    expect(await again.page.$$('.coupon-card')).toHaveLength(0)

    const session = await s.cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, shopper)
    const staff = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/fans/index' })
    await staff.page.waitFor('.fan-row')
    expect(await staff.page.text()).toContain(session.data.fan.memberCode)
  })

  it('a forged staff code shows the invalid-code page', async () => {
    const code = await s.cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
    const forged = code.data.scene.replace('sf01', 'sf02')
    const { page } = await s.open({ persona: `weapp-forger-${Date.now()}`, path: `pages/checkin/index?scene=${encodeURIComponent(forged)}` })
    await page.waitFor('.invalid-code')
  })

  it('home lists the brand’s stores, with no persona switcher (WeChat decides who the caller is)', async () => {
    const { page } = await s.open({ persona: 'demo-shopper-1', path: 'pages/index/index' })
    await page.waitFor('.store-row')
    expect((await page.$$('.store-row')).length).toBe(6)
    expect(await page.text()).toContain('拾光咖啡')
    expect(await page.$('.persona-switcher')).toBeNull()
  })
})
