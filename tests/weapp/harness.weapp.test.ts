import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HarnessMiniProgram } from './harness/automator'
import { DIST, sharedCloud } from './harness/session'

/**
 * The harness itself: what WeChat refuses, it refuses. Each case plants a fault in a copy of the built
 * mini program and checks that loading or rendering it fails, as it would on a phone or in DevTools.
 */
describe('the headless weapp harness fails where WeChat fails', () => {
  let copy: string
  beforeEach(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-planted-'))
    fs.cpSync(DIST, copy, { recursive: true })
  })
  afterEach(() => fs.rmSync(copy, { recursive: true, force: true }))

  const open = async (route = 'pages/index/index') => {
    const cloud = sharedCloud()
    const mp = new HarnessMiniProgram({
      distDir: copy,
      cloudUrl: cloud.url,
      filesDir: cloud.filesDir,
      openid: 'demo-shopper-1',
      launch: { path: route, query: {} }
    })
    try {
      const page = await mp.launch()
      await page.waitFor('.store-row')
      return await page.text()
    } finally {
      await mp.close()
    }
  }

  it('renders the untouched build (the control case)', async () => {
    expect(await open()).toContain('拾光咖啡')
  })

  it('an unknown component in a page’s WXML fails the render', async () => {
    const wxml = path.join(copy, 'pages/index/index.wxml')
    fs.appendFileSync(wxml, '\n<fancy-banner title="x" />\n')
    await expect(open()).rejects.toThrow('unknown component <fancy-banner> in pages/index/index.wxml')
  })

  it('malformed WXML fails the compile (wcc)', async () => {
    fs.appendFileSync(path.join(copy, 'pages/index/index.wxml'), '\n<view class="x">\n')
    await expect(open()).rejects.toThrow(/编译 \.wxml 文件错误/)
  })

  it('a template the page calls but nobody defines fails the render', async () => {
    fs.appendFileSync(path.join(copy, 'pages/index/index.wxml'), '\n<template is="no_such_template" data="{{root:root}}" />\n')
    await expect(open()).rejects.toThrow(/WXML render error in pages\/index\/index\.wxml: .*no_such_template/)
  })

  it('a WXSS syntax error fails the launch (wcsc)', async () => {
    fs.appendFileSync(path.join(copy, 'pages/index/index.wxss'), '\n.broken { color: red;\n')
    await expect(open()).rejects.toThrow(/编译 \.wxss 文件错误：.*pages\/index\/index\.wxss/)
  })

  it('a page that binds an event to a method it lacks fails when the event arrives', async () => {
    const cloud = sharedCloud()
    const wxml = path.join(copy, 'pages/index/index.wxml')
    fs.appendFileSync(wxml, '\n<view class="planted" bindtap="noSuchHandler">x</view>\n')
    const mp = new HarnessMiniProgram({ distDir: copy, cloudUrl: cloud.url, filesDir: cloud.filesDir, openid: 'demo-shopper-1' })
    try {
      const page = await mp.launch()
      const planted = await page.$('.planted')
      await expect(planted!.tap()).rejects.toThrow('binds tap to "noSuchHandler"')
    } finally {
      await mp.close()
    }
  })

  it('an API the base library lacks is undefined, and getLocation (not declared in app.json) is refused', async () => {
    const cloud = sharedCloud()
    const mp = new HarnessMiniProgram({ distDir: DIST, cloudUrl: cloud.url, filesDir: cloud.filesDir, openid: 'demo-shopper-1' })
    try {
      await mp.launch()
      expect(mp.runtime.wxr.wx.getFuzzyLocationPrecise).toBeUndefined()
      await expect(mp.callWxMethod('getLocation', { type: 'gcj02' })).rejects.toMatchObject({
        errMsg: expect.stringContaining('requiredPrivateInfos')
      })
    } finally {
      await mp.close()
    }
  })

  it('runs the page lifecycle: onLoad with the raw options, onShow, onReady; onHide on navigateTo, onUnload on reLaunch', async () => {
    const cloud = sharedCloud()
    const mp = new HarnessMiniProgram({ distDir: DIST, cloudUrl: cloud.url, filesDir: cloud.filesDir, openid: 'demo-shopper-1' })
    try {
      const first = await mp.launch()
      const seen: string[] = []
      for (const hook of ['onShow', 'onHide', 'onUnload', 'onReachBottom', 'onPullDownRefresh']) {
        const original = first.instance[hook]
        first.instance[hook] = function (this: unknown, ...args: unknown[]) {
          seen.push(hook)
          return original?.apply(this, args)
        }
      }
      mp.native.pageEvent('onReachBottom')
      await mp.navigateTo('/pages/privacy/index?x=%E4%B8%AD')
      expect((await mp.currentPage()).query).toEqual({ x: '%E4%B8%AD' })
      await mp.navigateBack()
      await mp.reLaunch('/pages/me/index')
      expect(seen).toEqual(['onReachBottom', 'onHide', 'onShow', 'onUnload'])
    } finally {
      await mp.close()
    }
  })
})
