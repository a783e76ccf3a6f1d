/* eslint-disable @typescript-eslint/no-explicit-any -- automator's MiniProgram and ours share a shape, not a type */
import fs from 'node:fs'
import path from 'node:path'
import { HarnessMiniProgram } from './automator'

export const ROOT = path.resolve(__dirname, '..', '..', '..')
export const DIST = path.join(ROOT, 'dist', 'weapp')

/** What a spec drives: miniprogram-automator's MiniProgram on DevTools, HarnessMiniProgram headless. */
export type MiniProgram = HarnessMiniProgram
export type MpPage = Awaited<ReturnType<HarnessMiniProgram['currentPage']>>

export interface OpenOptions {
  /** the openid the local cloud sees (x-wx-openid); on DevTools the signed-in WeChat user is the caller */
  persona: string
  /** the page the mini program opens on, with its query as WeChat passes it (values left encoded) */
  path: string
  /** WeChat's scene value: 1047 a scanned mini program code, 1044 a card shared in a group */
  scene?: number
  shareTicket?: string
}

export interface Cloud {
  url: string
  call<T = any>(name: string, event: unknown, openid?: string): Promise<T>
}

const cli = process.env.WECHAT_DEVTOOLS_CLI
export const DEVTOOLS_SKIP_REASON = 'WECHAT_DEVTOOLS_CLI is not set (WeChat DevTools does not run on Linux): the DevTools target of the weapp specs is skipped'

/** The local cloud global-setup.ts started for this run (one for every weapp spec file, to spare CPU). */
export function sharedCloud(): Cloud & { filesDir: string } {
  const url = process.env.WEAPP_CLOUD_URL
  const dataDir = process.env.WEAPP_CLOUD_DIR
  if (!url || !dataDir) throw new Error('no local cloud: run the weapp specs with `npx jest -c tests/weapp/jest.config.js`')
  return {
    url,
    filesDir: path.join(dataDir, 'files'),
    call: async (name, event, openid) => {
      const res = await fetch(`${url}/fn/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
        body: JSON.stringify(event)
      })
      return (await res.json()) as never
    }
  }
}

function split(url: string): { path: string; query: Record<string, string> } {
  const [p, qs = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const part of qs.split('&').filter(Boolean)) {
    const i = part.indexOf('=')
    query[i < 0 ? part : part.slice(0, i)] = i < 0 ? '' : part.slice(i + 1)
  }
  return { path: p.replace(/^\//, ''), query }
}

/**
 * A marker a weapp half leaves when it runs: a wx API it calls (`getFuzzyLocation`), an event it
 * receives (`event:getphonenumber`), a canvas it draws on (`canvas:<id>`), or a check of its own.
 */
export type Marker = string | ((log: Array<{ api: string; options: unknown }>) => boolean)

export interface Suite {
  readonly target: 'harness' | 'devtools'
  readonly cloud: Cloud
  /** a fresh mini program (a phone) for `persona`, cold-launched into `path` */
  open(opts: OpenOptions): Promise<{ mp: MiniProgram; page: MpPage }>
  /**
   * Declares that this spec executes the weapp half of a `.ts` / `.h5.ts` pair (tests/weapp/pairs
   * reads these), and checks after the suite that the half did run: `marker` was seen.
   */
  covers(file: string, marker: Marker): void
  /** Harness only: what the phone showed (toasts, modals, clipboard, album) and the canvases' pixels. */
  native(mp: MiniProgram): HarnessMiniProgram['native'] | null
}

/**
 * One spec body, run on every weapp target: headless (always) and WeChat DevTools through
 * miniprogram-automator (where WECHAT_DEVTOOLS_CLI is set; skipped with the reason otherwise).
 */
export function weappSpec(title: string, body: (s: Suite) => void): void {
  describe(`${title} [harness]`, () => {
    const suite = harnessSuite()
    body(suite)
    suite.finish()
  })
  const run = cli ? describe : describe.skip
  run(`${title} [devtools]`, () => body(devtoolsSuite()))
}

function harnessSuite(): Suite & { finish(): void } {
  const open: HarnessMiniProgram[] = []
  const seen: Array<{ api: string; options: unknown }> = []
  const covered: Array<[string, Marker]> = []
  afterEach(async () => {
    for (const mp of open.splice(0)) {
      seen.push(...mp.runtime.wxr.log.calls)
      await mp.close()
    }
  })
  return {
    /** declared after the spec's own tests, so it runs last and sees every call they made */
    finish() {
      if (covered.length === 0) return
      it.each(covered.map(([file, marker]) => [file, marker] as const))('ran the weapp half of %s', (file, marker) => {
        const ran = typeof marker === 'string' ? seen.some((c) => c.api === marker) : marker(seen)
        if (!ran) throw new Error(`${file}: its weapp half did not run in this spec (no ${typeof marker === 'string' ? marker : 'matching call'})`)
      })
    },
    target: 'harness',
    get cloud() {
      return sharedCloud()
    },
    async open(opts) {
      if (!fs.existsSync(path.join(DIST, 'app.json'))) throw new Error('dist/weapp is missing: run `npx taro build --type weapp` first')
      const cloud = sharedCloud()
      const { path: p, query } = split(opts.path)
      const mp = new HarnessMiniProgram({
        distDir: DIST,
        cloudUrl: cloud.url,
        filesDir: cloud.filesDir,
        openid: opts.persona,
        launch: { path: p, query, scene: opts.scene ?? (query.scene ? 1047 : 1001), shareTicket: opts.shareTicket }
      })
      open.push(mp)
      const page = await mp.launch()
      return { mp, page }
    },
    covers(file, marker) {
      covered.push([file, marker])
    },
    native: (mp) => mp.native
  }
}

function devtoolsSuite(): Suite {
  let mp: any = null
  afterAll(async () => {
    await mp?.close()
  })
  return {
    target: 'devtools',
    get cloud() {
      return sharedCloud()
    },
    async open(opts) {
      // DevTools runs one mini program, signed in as its user, on the cloud env it is bound to.
      const automator = (await import('miniprogram-automator')).default
      mp = mp ?? (await automator.launch({ cliPath: cli, projectPath: ROOT }))
      const page = await mp.reLaunch(`/${opts.path.replace(/^\//, '')}`)
      // automator's Page has no text(): every page's root view carries the class `page`
      const proto = Object.getPrototypeOf(page)
      if (!proto.text)
        proto.text = async function (this: { $(s: string): Promise<{ text(): Promise<string> } | null> }) {
          return (await (await this.$('.page'))?.text()) ?? ''
        }
      return { mp, page }
    },
    covers() {
      // the pairs check is the headless target's: DevTools cannot report which wx calls ran
    },
    native: () => null
  }
}
