/**
 * The same journeys as the H5 end-to-end tests, on the weapp build inside WeChat DevTools, against a real
 * cloud env (functions deployed, demo data imported). Needs:
 *   WECHAT_DEVTOOLS_CLI   path to DevTools' cli (e.g. /Applications/wechatwebdevtools.app/Contents/MacOS/cli)
 *   FANLOOP_TEST_SCENE    a staff code's scene in that env (from the staffCode function)
 * and `npm run build:weapp` first. Elsewhere every spec is skipped with this reason.
 */
import path from 'node:path'
import automator from 'miniprogram-automator'
import { COLLECTED } from '../../src/pages/privacy/collected'

const cli = process.env.WECHAT_DEVTOOLS_CLI
const scene = process.env.FANLOOP_TEST_SCENE ?? ''
const run = cli ? describe : describe.skip
if (!cli) console.log('weapp specs skipped: WECHAT_DEVTOOLS_CLI is not set (WeChat DevTools does not run on Linux).')

type MiniProgram = Awaited<ReturnType<typeof automator.launch>>
let mp: MiniProgram

run('weapp build in WeChat DevTools', () => {
  beforeAll(async () => {
    mp = await automator.launch({ cliPath: cli, projectPath: path.resolve(__dirname, '..', '..') })
  })
  afterAll(async () => {
    await mp?.close()
  })

  const open = async (url: string) => {
    const page = await mp.reLaunch(url)
    if (!page) throw new Error(`DevTools did not open ${url}`)
    return page
  }

  it('home lists the brand’s stores', async () => {
    const page = await open('/pages/index/index')
    await page.waitFor('.store-row')
    expect((await page.$$('.store-row')).length).toBeGreaterThan(0)
  })

  it('a staff code’s scene opens the check-in page with a welcome', async () => {
    const page = await open(`/pages/checkin/index?scene=${encodeURIComponent(scene)}`)
    await page.waitFor(3000)
    const welcome = (await page.$('.checkin-welcome')) ?? (await page.$('.checkin-welcome-back'))
    expect(welcome).not.toBeNull()
  })

  it('the privacy page lists what is kept, as declared in the source', async () => {
    const page = await open('/pages/privacy/index')
    await page.waitFor('.privacy-item')
    expect((await page.$$('.privacy-item')).length).toBe(COLLECTED.length)
  })
})
