/**
 * What a shopper's phone downloads on a first scan: a new shopper opens the H5 check-in page with a
 * store's code, in headless Chromium with an empty cache, until the welcome shows and the network is
 * idle. Bytes are counted as Chromium received them (CDP `encodedDataLength`: compressed bodies plus
 * headers), so what the local cloud's compression and caching save is measured, not estimated.
 * Then a second visit in the same browser (cached: hashed scripts are not asked for again).
 * Last line: RESULT landing checkin_first_visit_kb=<n> uncompressed_kb=<n> requests=<n> repeat_visit_kb=<n>
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { signScene } from '../src/domain/scene-signature'
import { launchBrowser } from '../tests/support/browser'
import { BENCH_KEY, ROOT, round, spawnLocalCloud } from './lib'

interface Transfer {
  wire: number
  body: number
  requests: number
}

/** Sums what the page's requests moved over the wire while `visit` runs. */
async function measure(page: Page, visit: () => Promise<void>): Promise<Transfer> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  const t: Transfer = { wire: 0, body: 0, requests: 0 }
  cdp.on('Network.dataReceived', (e: { dataLength: number }) => (t.body += e.dataLength))
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    t.wire += e.encodedDataLength
    t.requests++
  })
  await visit()
  await page.waitForLoadState('networkidle')
  await cdp.detach()
  return t
}

export async function benchLanding(): Promise<string> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
    console.log('building the H5 app (npm run build:h5) …')
    if (spawnSync('npm', ['run', 'build:h5', '--silent'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('H5 build failed')
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-bench-landing-'))
  const cloud = await spawnLocalCloud(dataDir)
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    await context.addInitScript(() => window.localStorage.setItem('fanloop.persona', 'bench-landing-new-shopper'))
    const page = await context.newPage()
    const url = `${cloud.url}/#/pages/checkin/index?scene=${encodeURIComponent(signScene(BENCH_KEY, 'store', 'st01', 1))}`
    const first = await measure(page, async () => {
      await page.goto(url)
      await page.locator('.checkin-welcome').waitFor({ timeout: 30_000 })
    })
    const again = await measure(page, async () => {
      await page.reload()
      await page.locator('.checkin-welcome-back').waitFor({ timeout: 30_000 })
    })
    const kb = (n: number) => round(n / 1024, 1)
    console.log(
      `check-in page, first visit: ${kb(first.wire)} KB over the wire in ${first.requests} requests (${kb(first.body)} KB once decompressed); visit again: ${kb(again.wire)} KB in ${again.requests} requests`
    )
    return `RESULT landing checkin_first_visit_kb=${kb(first.wire)} uncompressed_kb=${kb(first.body)} requests=${first.requests} repeat_visit_kb=${kb(again.wire)}`
  } finally {
    await browser.close()
    await cloud.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
