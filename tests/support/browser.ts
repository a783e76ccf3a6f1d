import { contract, type FunctionName, type Result } from '../../src/contract'
import { checkAnswer } from './contract-check'
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ROOT, spawnCloud, type RunningCloud } from './spawn-cloud'

/** ok answers outside their contract seen by any page of this test file; checked after its last test */
export const contractViolations: string[] = []

export const SCREENSHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots')

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[]

/** Debian's Chromium, headless, with the flags this closed network needs (no background connections). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((p) => fs.existsSync(p))
  if (!executablePath) throw new Error('Chromium not found: run `node scripts/ensure-browser.mjs` or set CHROMIUM_PATH')
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
}

/** A phone-sized page that acts as `openid` (the H5 persona switcher keeps it in localStorage). */
export async function pageAs(browser: Browser, baseUrl: string, openid: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
  await context.addInitScript((id) => window.localStorage.setItem('fanloop.persona', id), openid)
  const page = await context.newPage()
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`))
  // What the pages get from the local cloud satisfies the contract, as the typed client assumes.
  page.on('response', (res) => {
    const m = /\/fn\/([A-Za-z]+)$/.exec(new URL(res.url()).pathname)
    if (!m || !(m[1] in contract) || res.request().method() !== 'POST') return
    res
      .json()
      .then((body: Result<never>) => checkAnswer(m[1] as FunctionName, body))
      .catch((err: unknown) => {
        if (err instanceof SyntaxError || /No resource|Target closed|has been closed/.test(String(err))) return
        contractViolations.push(String(err instanceof Error ? err.message : err))
      })
  })
  await page.goto(`${baseUrl}/#/pages/index/index`)
  return page
}

/**
 * How many elements match `selector` once the page settles on `expected`, or whatever it shows when
 * `timeoutMs` runs out: an assertion that retries, like Playwright's toHaveCount. The H5 router can
 * mount a page and then mount it again, so a single count right after the first row appears may see none.
 */
export async function settledCount(page: Page, selector: string, expected: number, timeoutMs = 10_000): Promise<number> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const n = await page.locator(selector).count()
    if (n === expected || Date.now() > until) return n
    await page.waitForTimeout(100)
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/**
 * One local cloud (as npm start runs it) and one browser for an e2e test file: started before its first
 * test, stopped after its last. Read `.cloud` and `.browser` inside tests, not at module load.
 */
export function e2eSession(opts: Parameters<typeof spawnCloud>[0] = {}): { readonly cloud: RunningCloud; readonly browser: Browser } {
  const session = {} as { cloud: RunningCloud; browser: Browser }
  beforeAll(async () => {
    session.cloud = await spawnCloud(opts)
    session.browser = await launchBrowser()
  })
  afterAll(async () => {
    await session.browser?.close()
    await session.cloud?.stop()
    if (contractViolations.length) throw new Error(`answers outside the contract: ${contractViolations.slice(0, 3).join('; ')}`)
  })
  return session
}
