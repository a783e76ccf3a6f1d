/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-this-alias -- the built bundles hand us untyped Page/Component configs; WeChat calls setData and the globals with their own `this` */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import { CanvasNode } from './canvas'
import { createWx, type WxRuntime } from './wx'
import { BUILTIN, compileWxml, compileWxss, dataset, isNode, name, queryAll, walk, type Child, type Gwx, type VNode } from './wxml'

export interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  requiredPrivateInfos?: string[]
  [k: string]: unknown
}

export interface LaunchOptions {
  path: string
  query: Record<string, string>
  /** WeChat's scene value: 1047 = scanned a mini program code, 1044 = a share card with shareTicket */
  scene?: number
  shareTicket?: string
}

export interface HarnessOptions {
  distDir: string
  cloudUrl: string
  /** the local cloud's files folder, where wx.cloud.uploadFile puts what the phone uploads */
  filesDir: string
  openid: string
  launch?: LaunchOptions
}

/** A page as WeChat keeps it: the instance the config's methods run on, with its route and options. */
export interface PageInstance {
  route: string
  __route__: string
  options: Record<string, string>
  data: Record<string, any>
  setData(data: Record<string, unknown>, cb?: () => void): void
  [k: string]: any
}

interface ComponentInstance {
  is: string
  data: Record<string, any>
  properties: Record<string, any>
  setData(data: Record<string, unknown>, cb?: () => void): void
  [k: string]: any
}

const BUBBLING = new Set(['tap', 'longpress', 'longtap', 'touchstart', 'touchmove', 'touchend', 'touchcancel'])
const MAX_PAGES = 10

/** `root.cn.[0].cn.[2].v` and `a[1].b` as setData paths. */
function setPath(target: Record<string, any>, key: string, value: unknown): void {
  const tokens = [...key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]))
  let obj: any = target
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]
    if (obj[t] === null || typeof obj[t] !== 'object') obj[t] = typeof tokens[i + 1] === 'number' ? [] : {}
    obj = obj[t]
  }
  obj[tokens[tokens.length - 1]] = value
}

/** setData clones what it carries into the view layer (JSON), as WeChat does. */
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)))

export function parseUrl(url: string, from?: string): { route: string; query: Record<string, string> } {
  const [p, qs = ''] = url.split('?')
  let route = p.replace(/^\//, '')
  if (!p.startsWith('/') && from) route = path.posix.normalize(path.posix.join(path.posix.dirname(from), p))
  const query: Record<string, string> = {}
  // WeChat hands the page the query values as they are in the URL: decoding is the page's job
  for (const part of qs.split('&').filter(Boolean)) {
    const i = part.indexOf('=')
    query[i < 0 ? part : part.slice(0, i)] = i < 0 ? '' : part.slice(i + 1)
  }
  return { route, query }
}

/**
 * The WeChat client, headless: loads `dist/weapp` as the client does (app.js and the chunks it
 * requires, page and component JS per app.json, subpackages when first entered), runs App/Page/Component
 * lifecycles, applies setData and renders pages with WeChat's own WXML compiler (wcc). WXSS is compiled
 * with wcsc at start: a style error fails the launch. Template errors and unknown components fail the
 * render that meets them.
 */
export class MiniProgramRuntime {
  readonly appJson: AppJson
  readonly wxr: WxRuntime
  readonly stack: PageInstance[] = []
  readonly errors: string[] = []
  private readonly ctx: vm.Context
  private readonly gwx: Gwx
  private readonly wccErrors: string[]
  private readonly toRealm: (data: unknown) => unknown
  private readonly modules = new Map<string, { exports: any }>()
  private readonly pageConfigs = new Map<string, Record<string, any>>()
  private readonly componentConfigs = new Map<string, Record<string, any>>()
  private readonly canvases = new Map<string, CanvasNode>()
  private readonly tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-harness-'))
  private loading: { kind: 'page' | 'component'; path: string } | null = null
  private app: any = null
  private tapDepth = 0
  private tapOpen = false
  private openid: string
  pullDownRefreshing = false
  readonly launchOptions: Required<Omit<LaunchOptions, 'shareTicket'>> & { shareTicket?: string }

  constructor(private readonly opts: HarnessOptions) {
    this.openid = opts.openid
    this.appJson = JSON.parse(fs.readFileSync(path.join(opts.distDir, 'app.json'), 'utf8'))
    compileWxss(opts.distDir)
    const compiled = compileWxml(opts.distDir)
    this.gwx = compiled.gwx
    this.toRealm = compiled.toRealm
    this.wccErrors = compiled.errors
    const launch = opts.launch ?? { path: this.appJson.pages[0], query: {} }
    this.launchOptions = { scene: 1001, ...launch, path: launch.path.replace(/^\//, '') }
    const host = this
    this.wxr = createWx({
      appJson: this.appJson,
      get launchOptions() {
        return host.launchOptions
      },
      cloudUrl: opts.cloudUrl,
      filesDir: opts.filesDir,
      tmpDir: this.tmpDir,
      openid: () => this.openid,
      navigate: (kind, url) => this.navigate(kind, url),
      navigateBack: (delta) => this.navigateBack(delta),
      selectFields: (selector, all, scope) => this.selectFields(selector, all, scope),
      inTap: () => this.tapDepth > 0 || this.tapOpen,
      stopPullDownRefresh: () => void (this.pullDownRefreshing = false)
    })
    this.ctx = vm.createContext(this.globals())
  }

  setOpenid(openid: string): void {
    this.openid = openid
  }

  // ---------------------------------------------------------------- loading
  private globals(): Record<string, unknown> {
    const rt = this
    return {
      wx: this.wxr.wx,
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      App(config: any) {
        rt.app = config
      },
      Page(config: any) {
        if (rt.loading?.kind !== 'page') throw new Error('Page() called outside a page file')
        rt.pageConfigs.set(rt.loading.path, config)
      },
      Component(config: any) {
        if (!rt.loading) throw new Error('Component() called outside a page or component file')
        if (rt.loading.kind === 'page') rt.pageConfigs.set(rt.loading.path, { __component: config })
        else rt.componentConfigs.set(rt.loading.path, config)
      },
      Behavior: (b: unknown) => b,
      getApp: () => rt.app,
      getCurrentPages: () => [...rt.stack],
      requirePlugin: (name: string) => {
        throw new Error(`plugin "${name}" is not declared in app.json`)
      },
      requireMiniProgram: () => ({})
    }
  }

  /** WeChat's module system: one function scope per file, `require` relative to the file, run once. */
  private require(file: string): any {
    const rel = path.posix.normalize(file.replace(/^\//, '')).replace(/\.js$/, '') + '.js'
    const cached = this.modules.get(rel)
    if (cached) return cached.exports
    const abs = path.join(this.opts.distDir, rel)
    if (!fs.existsSync(abs)) throw new Error(`module "${rel}" is not defined`)
    const module = { exports: {} as any }
    this.modules.set(rel, module)
    const fn = vm.runInContext(`(function (require, module, exports) {${fs.readFileSync(abs, 'utf8')}\n})`, this.ctx, { filename: abs })
    fn.call(module.exports, (p: string) => this.require(p.startsWith('.') ? path.posix.join(path.posix.dirname(rel), p) : p), module, module.exports)
    return module.exports
  }

  private loadComponents(jsonOwner: string): void {
    const jsonFile = path.join(this.opts.distDir, `${jsonOwner}.json`)
    if (!fs.existsSync(jsonFile)) return
    const using = (JSON.parse(fs.readFileSync(jsonFile, 'utf8')).usingComponents ?? {}) as Record<string, string>
    for (const target of Object.values(using)) {
      const p = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(jsonOwner), target))
      if (this.componentConfigs.has(p)) continue
      this.loading = { kind: 'component', path: p }
      this.require(p)
      this.loading = null
      if (!this.componentConfigs.has(p)) throw new Error(`${p}.js did not call Component()`)
      this.loadComponents(p)
    }
  }

  private usingComponents(owner: string): Record<string, string> {
    const jsonFile = path.join(this.opts.distDir, `${owner}.json`)
    const using = fs.existsSync(jsonFile) ? ((JSON.parse(fs.readFileSync(jsonFile, 'utf8')).usingComponents ?? {}) as Record<string, string>) : {}
    const out: Record<string, string> = {}
    for (const [tag, target] of Object.entries(using)) {
      out[tag] = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(owner), target))
    }
    return out
  }

  private allPages(): string[] {
    return [...this.appJson.pages, ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  }

  private loadPage(route: string): Record<string, any> {
    const known = this.pageConfigs.get(route)
    if (known) return known
    if (!this.allPages().includes(route)) throw new Error(`page "${route}" is not found`)
    this.loadComponents(route)
    this.loading = { kind: 'page', path: route }
    try {
      this.require(route)
    } finally {
      this.loading = null
    }
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    return config
  }

  /** Starts the app as a cold launch into `launchOptions.path`: onLaunch, onShow, then the first page. */
  async launch(): Promise<PageInstance> {
    this.require('app')
    if (!this.app) throw new Error('app.js did not call App()')
    for (const p of this.appJson.pages) this.loadPage(p)
    const options = {
      path: this.launchOptions.path,
      query: this.launchOptions.query,
      scene: this.launchOptions.scene,
      shareTicket: this.launchOptions.shareTicket,
      referrerInfo: {}
    }
    this.app.onLaunch?.call(this.app, options)
    this.app.onShow?.call(this.app, options)
    await this.open(this.launchOptions.path, this.launchOptions.query)
    return this.current()
  }

  close(): void {
    while (this.stack.length) this.unload(this.stack.pop()!)
    this.app?.onHide?.call(this.app)
    fs.rmSync(this.tmpDir, { recursive: true, force: true })
  }

  // ---------------------------------------------------------------- pages and navigation
  current(): PageInstance {
    const p = this.stack[this.stack.length - 1]
    if (!p) throw new Error('no page is open')
    return p
  }

  private createPage(route: string, query: Record<string, string>): PageInstance {
    const config = this.loadPage(route)
    if (config.__component) throw new Error(`${route}: pages built with Component() are not supported by this harness`)
    const rt = this
    const page: PageInstance = {
      route,
      __route__: route,
      options: query,
      data: clone(config.data ?? {}),
      setData(data: Record<string, unknown>, cb?: () => void) {
        for (const [k, v] of Object.entries(data)) setPath(page.data, k, clone(v))
        rt.dirty.add(page)
        if (cb) setTimeout(cb, 0)
      },
      selectComponent: () => null,
      selectAllComponents: () => [],
      createSelectorQuery: () => rt.wxr.wx.createSelectorQuery().in(page),
      getOpenerEventChannel: () => ({ emit: () => undefined, on: () => undefined, once: () => undefined, off: () => undefined }),
      getPageId: () => `page-${route}`
    }
    for (const [k, v] of Object.entries(config)) if (k !== 'data') page[k] = typeof v === 'function' ? v : clone(v)
    return page
  }

  private readonly dirty = new Set<object>()

  private async open(route: string, query: Record<string, string>): Promise<void> {
    const page = this.createPage(route, query)
    this.stack.push(page)
    page.onLoad?.call(page, { ...query })
    page.onShow?.call(page)
    // first render, then onReady, as the view layer reports back
    await new Promise((r) => setTimeout(r, 0))
    this.render(page)
    page.onReady?.call(page)
  }

  private unload(page: PageInstance): void {
    page.onUnload?.call(page)
  }

  async navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch', url: string): Promise<void> {
    const from = this.stack.length ? this.current().route : undefined
    const { route, query } = parseUrl(url, from)
    if (!this.allPages().includes(route))
      throw Object.assign(new Error(`${kind}:fail page "${route}" is not found`), { errMsg: `${kind}:fail page "${route}" is not found` })
    if (kind === 'navigateTo') {
      if (this.stack.length >= MAX_PAGES)
        throw Object.assign(new Error('navigateTo:fail webview count limit exceed'), { errMsg: 'navigateTo:fail webview count limit exceed' })
      if (this.stack.length) this.current().onHide?.call(this.current())
    } else if (kind === 'redirectTo') {
      if (this.stack.length) this.unload(this.stack.pop()!)
    } else {
      while (this.stack.length) this.unload(this.stack.pop()!)
    }
    await this.open(route, query)
  }

  async navigateBack(delta: number): Promise<void> {
    if (this.stack.length <= 1)
      throw Object.assign(new Error('navigateBack:fail cannot navigate back at first page.'), {
        errMsg: 'navigateBack:fail cannot navigate back at first page.'
      })
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!)
    const top = this.current()
    top.onShow?.call(top)
  }

  /** Page events the client raises: pull-down refresh, reach-bottom, share, hide/show. */
  pageEvent(kind: 'onPullDownRefresh' | 'onReachBottom' | 'onShareAppMessage' | 'onShareTimeline' | 'onHide' | 'onShow', arg?: unknown): unknown {
    const page = this.current()
    if (kind === 'onPullDownRefresh') this.pullDownRefreshing = true
    return page[kind]?.call(page, arg ?? (kind === 'onShareAppMessage' ? { from: 'menu' } : undefined))
  }

  // ---------------------------------------------------------------- rendering
  private renderCache = new WeakMap<object, VNode>()

  /** The tree WeChat would show for `page`, rendered by wcc's $gwx with custom components expanded. */
  render(page: PageInstance = this.current()): VNode {
    const cached = this.renderCache.get(page)
    if (cached && !this.dirty.has(page)) return cached
    this.dirty.delete(page)
    const tree = this.renderTemplate(`${page.route}`, page.data, page)
    if (!cached) this.wxr.log.calls.push({ api: `render:${page.route}`, options: null })
    this.renderCache.set(page, tree)
    return tree
  }

  private renderTemplate(owner: string, data: unknown, handler: object): VNode {
    const generate = this.gwx(`${owner}.wxml`)
    if (typeof generate !== 'function') throw new Error(`${owner}.wxml: wcc compiled no template for it`)
    const before = this.wccErrors.length
    const tree = generate(this.toRealm(data), {}, {}) as VNode
    const errs = this.wccErrors.slice(before)
    if (errs.length) throw new Error(`WXML render error in ${owner}.wxml: ${errs.join('; ')}`)
    const using = this.usingComponents(owner)
    const expand = (n: VNode, parent: VNode | undefined) => {
      n.parent = parent
      n.owner = handler
      n.attr = n.attr ?? {}
      n.children = (n.children ?? []).filter((c: Child) => c !== undefined && c !== null)
      const tag = name(n)
      if (n !== tree && !BUILTIN.has(tag)) {
        const target = using[tag]
        if (!target) throw new Error(`unknown component <${tag}> in ${owner}.wxml (not a WeChat component and not in usingComponents)`)
        const props = { ...(this.componentConfigs.get(target)?.properties ? this.propDefaults(target) : {}), ...n.attr }
        const inner = this.renderTemplate(target, props, this.componentInstance(target, props))
        n.children = inner.children
      }
      for (const c of n.children) if (isNode(c)) expand(c, n)
    }
    expand(tree, undefined)
    return tree
  }

  private propDefaults(target: string): Record<string, unknown> {
    const props = this.componentConfigs.get(target)!.properties as Record<string, { value?: unknown }>
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, clone(v?.value)]))
  }

  /** Taro's recursive `comp` only needs its methods (`eh`) bound to an instance carrying its properties. */
  private componentInstance(target: string, props: Record<string, unknown>): ComponentInstance {
    const config = this.componentConfigs.get(target)!
    const rt = this
    const inst: ComponentInstance = {
      is: target,
      data: props as Record<string, any>,
      properties: props as Record<string, any>,
      setData(data: Record<string, unknown>) {
        for (const [k, v] of Object.entries(data)) setPath(inst.data, k, clone(v))
        rt.dirty.add(rt.current())
      }
    }
    for (const [k, v] of Object.entries(config.methods ?? {})) inst[k] = v
    return inst
  }

  // ---------------------------------------------------------------- events
  /**
   * Delivers an event as WeChat does: to the target node's `bind<type>` / `catch<type>` handler, then,
   * for bubbling events, to each ancestor's, until a `catch` or the component boundary.
   */
  dispatch(target: VNode, type: string, detail: Record<string, unknown> = {}): void {
    const event = (current: VNode) => ({
      type,
      timeStamp: Date.now(),
      target: { id: target.attr.id ?? '', dataset: dataset(target), offsetLeft: 0, offsetTop: 0 },
      currentTarget: { id: current.attr.id ?? '', dataset: dataset(current), offsetLeft: 0, offsetTop: 0 },
      detail,
      mark: {},
      touches: [],
      changedTouches: []
    })
    const isTap = type === 'tap'
    if (isTap) this.tapDepth++
    if (!type.startsWith('touch')) this.wxr.log.calls.push({ api: `event:${type}`, options: { tag: name(target), openType: target.attr.openType } })
    try {
      for (let n: VNode | undefined = target; n; n = n.parent) {
        const handlerName = (n.attr[`bind${type}`] ?? n.attr[`bind:${type}`] ?? n.attr[`catch${type}`] ?? n.attr[`catch:${type}`]) as string | undefined
        const caught = n.attr[`catch${type}`] !== undefined || n.attr[`catch:${type}`] !== undefined
        if (handlerName) {
          const owner = n.owner as Record<string, any>
          const fn = owner?.[handlerName]
          if (typeof fn !== 'function') throw new Error(`<${name(n)}> binds ${type} to "${handlerName}", which its page or component does not define`)
          fn.call(owner, event(n))
        }
        if (caught || !BUBBLING.has(type)) break
        // a custom component's root is the boundary for non-composed events
        if (n.parent && n.parent.owner !== n.owner) break
      }
    } finally {
      if (isTap) {
        this.tapDepth--
        // the user-gesture window spans the handler's synchronous part and the microtasks it queues,
        // not a later turn (after a network answer, say), where WeChat refuses gesture-only APIs
        this.tapOpen = true
        setTimeout(() => (this.tapOpen = false), 0)
      }
    }
  }

  // ---------------------------------------------------------------- selector queries
  private selectFields(selector: string, all: boolean, _scope: unknown) {
    const tree = this.render()
    const nodes = queryAll(tree, selector)
    const picked = all ? nodes : nodes.slice(0, 1)
    return picked.map((n) => {
      const id = String(n.attr.id ?? '')
      const size = this.sizeOf(n)
      let node: CanvasNode | undefined
      if (name(n) === 'canvas' && n.attr.type === '2d') {
        const key = `${this.current().route}#${id}`
        node = this.canvases.get(key)
        if (!node) {
          node = new CanvasNode(id, (p) => this.wxr.readFile(p))
          this.wxr.log.calls.push({ api: `canvas:${id}`, options: null })
          this.canvases.set(key, node)
        }
      }
      return { id, dataset: dataset(n), width: size.width, height: size.height, node }
    })
  }

  /** No layout engine: inline px sizes where the page sets them, else the window's width and WeChat's default 150 px height. */
  private sizeOf(n: VNode): { width: number; height: number } {
    const style = String(n.attr.style ?? '')
    const px = (prop: string) => {
      const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([\\d.]+)(px|rpx)`).exec(style)
      return m ? Number(m[1]) * (m[2] === 'rpx' ? 0.5 : 1) : null
    }
    return { width: px('width') ?? 375 - 32, height: px('height') ?? 150 }
  }

  canvas(id: string): CanvasNode | undefined {
    return this.canvases.get(`${this.current().route}#${id}`)
  }

  /** Every node of the current page, for checks that walk the whole tree. */
  nodes(): VNode[] {
    const out: VNode[] = []
    walk(this.render(), (n) => out.push(n))
    return out
  }
}
