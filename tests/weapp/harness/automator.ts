/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors miniprogram-automator's loosely typed API */
import { MiniProgramRuntime, type HarnessOptions, type PageInstance } from './runtime'
import { classes, isNode, name, queryAll, textOf, type Child, type VNode } from './wxml'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** An element is found again by its id (Taro gives every node one); a node without, by its place in the tree. */
function keyOf(n: VNode): string {
  if (n.attr.id) return String(n.attr.id)
  const path: number[] = []
  for (let c = n; c.parent; c = c.parent) path.unshift(c.parent.children.indexOf(c))
  return `@${path.join('.')}`
}

function atPath(tree: VNode, key: string): VNode | undefined {
  let n: VNode | undefined = tree
  for (const i of key.slice(1).split('.').filter(Boolean).map(Number)) {
    const c: Child | undefined = n?.children[i]
    n = isNode(c) ? c : undefined
  }
  return n
}

/**
 * The subset of miniprogram-automator's Element the specs use, over a rendered node. An element is
 * found again by its id on every call, so it follows re-renders as the automator's does.
 */
export class HarnessElement {
  constructor(
    private readonly mp: HarnessMiniProgram,
    private readonly page: PageInstance,
    private readonly id: string,
    private last: VNode
  ) {}

  get tagName(): string {
    return name(this.node())
  }

  private node(): VNode {
    const found = this.id.startsWith('@') ? atPath(this.mp.runtime.render(this.page), this.id) : this.mp.runtime.nodes().find((n) => n.attr.id === this.id)
    if (found) this.last = found
    else if (this.mp.runtime.current() !== this.page) throw new Error(`element #${this.id} is not on the current page`)
    else throw new Error(`element #${this.id} (${name(this.last)}.${classes(this.last).join('.')}) is no longer rendered`)
    return found
  }

  async $(selector: string): Promise<HarnessElement | null> {
    const hit = queryAll(this.node(), selector)[0]
    return hit ? new HarnessElement(this.mp, this.page, keyOf(hit), hit) : null
  }
  async $$(selector: string): Promise<HarnessElement[]> {
    return queryAll(this.node(), selector).map((n) => new HarnessElement(this.mp, this.page, keyOf(n), n))
  }
  async text(): Promise<string> {
    return textOf(this.node())
  }
  async attribute(attr: string): Promise<string | null> {
    const n = this.node()
    const v = n.attr[attr] ?? n.attr[camel(attr)]
    return v === undefined || v === null ? null : String(v)
  }
  async property(prop: string): Promise<unknown> {
    return this.node().attr[camel(prop)]
  }
  async value(): Promise<string> {
    return String(this.node().attr.value ?? '')
  }
  async wxml(): Promise<string> {
    return this.node()
      .children.map((c) => (isNode(c) ? `<${name(c)}>${textOf(c)}</${name(c)}>` : c))
      .join('')
  }

  /**
   * A tap as the user makes it: a disabled button ignores it; an open-type button then does what WeChat
   * does for that type (share → the page's onShareAppMessage; getPhoneNumber and the like need the
   * user's answer, so specs trigger that event with its detail, as on DevTools).
   */
  async tap(): Promise<void> {
    const n = this.node()
    if (name(n) === 'button' && (n.attr.disabled === true || n.attr.disabled === 'true')) return
    this.mp.runtime.dispatch(n, 'touchstart')
    this.mp.runtime.dispatch(n, 'touchend')
    this.mp.runtime.dispatch(n, 'tap', { x: 10, y: 10 })
    if (name(n) === 'button' && n.attr.openType === 'share') this.mp.runtime.pageEvent('onShareAppMessage', { from: 'button', target: { id: n.attr.id } })
    await sleep(0)
  }
  async longpress(): Promise<void> {
    const n = this.node()
    this.mp.runtime.dispatch(n, 'touchstart')
    this.mp.runtime.dispatch(n, 'longpress', { x: 10, y: 10 })
    this.mp.runtime.dispatch(n, 'touchend')
    await sleep(0)
  }
  /** Typing into an input or textarea: the value, then an `input` event carrying it, as WeChat sends. */
  async input(value: string): Promise<void> {
    const n = this.node()
    if (!['input', 'textarea'].includes(name(n))) throw new Error(`input() needs an input or textarea, not <${name(n)}>`)
    if (n.attr.disabled === true) throw new Error('input() on a disabled field')
    this.mp.runtime.dispatch(n, 'focus', { value: String(n.attr.value ?? ''), height: 0 })
    this.mp.runtime.dispatch(n, 'input', { value, cursor: value.length, keyCode: 0 })
    this.mp.runtime.dispatch(n, 'blur', { value, cursor: value.length })
    await sleep(0)
  }
  /** Any component event with its detail (change on a picker or switch, getphonenumber or chooseavatar on a button). */
  async trigger(type: string, detail: Record<string, unknown> = {}): Promise<void> {
    const n = this.node()
    const bound = Object.keys(n.attr).some((k) => new RegExp(`^(bind|catch):?${type}$`).test(k))
    if (!bound) throw new Error(`<${name(n)}> has no ${type} handler: WeChat would not deliver it anywhere`)
    if (type === 'getphonenumber' && n.attr.openType !== 'getPhoneNumber')
      throw new Error('getphonenumber comes only from a button with open-type="getPhoneNumber"')
    if (type === 'chooseavatar' && n.attr.openType !== 'chooseAvatar') throw new Error('chooseavatar comes only from a button with open-type="chooseAvatar"')
    this.mp.runtime.dispatch(n, type, detail)
    await sleep(0)
  }
}

/** miniprogram-automator's Page over the harness. */
export class HarnessPage {
  constructor(
    private readonly mp: HarnessMiniProgram,
    readonly instance: PageInstance
  ) {}
  get path(): string {
    return this.instance.route
  }
  get query(): Record<string, string> {
    return this.instance.options
  }
  private tree(): VNode {
    if (this.mp.runtime.current() !== this.instance) throw new Error(`page ${this.path} is not the current page`)
    return this.mp.runtime.render(this.instance)
  }
  async $(selector: string): Promise<HarnessElement | null> {
    const hit = queryAll(this.tree(), selector)[0]
    return hit ? new HarnessElement(this.mp, this.instance, keyOf(hit), hit) : null
  }
  async $$(selector: string): Promise<HarnessElement[]> {
    return queryAll(this.tree(), selector).map((n) => new HarnessElement(this.mp, this.instance, keyOf(n), n))
  }
  async data(path?: string): Promise<unknown> {
    let v: any = this.instance.data
    for (const k of path ? path.split('.') : []) v = v?.[k]
    return v
  }
  async callMethod(method: string, ...args: unknown[]): Promise<unknown> {
    return this.instance[method]?.call(this.instance, ...args)
  }
  /** A number waits that long; a selector until it matches (10 s at most, then throws); a function until it is true. */
  async waitFor(condition: number | string | (() => boolean | Promise<boolean>), timeoutMs = 10_000): Promise<void> {
    if (typeof condition === 'number') return sleep(condition)
    const until = Date.now() + timeoutMs
    for (;;) {
      const ok = typeof condition === 'string' ? queryAll(this.tree(), condition).length > 0 : await condition()
      if (ok) return
      if (Date.now() > until) throw new Error(`waitFor(${String(condition)}) timed out on ${this.path}: ${textOf(this.tree()).slice(0, 300)}`)
      await sleep(50)
    }
  }
  async text(): Promise<string> {
    return textOf(this.tree())
  }
}

/**
 * miniprogram-automator's MiniProgram over the headless runtime: what the specs call, the same on
 * DevTools. `native` holds what a phone would make visible (toasts, clipboard, album, canvases).
 */
export class HarnessMiniProgram {
  readonly runtime: MiniProgramRuntime
  constructor(opts: HarnessOptions) {
    this.runtime = new MiniProgramRuntime(opts)
  }
  async launch(): Promise<HarnessPage> {
    await this.runtime.launch()
    return this.currentPage()
  }
  async currentPage(): Promise<HarnessPage> {
    return new HarnessPage(this, this.runtime.current())
  }
  async pageStack(): Promise<HarnessPage[]> {
    return this.runtime.stack.map((p) => new HarnessPage(this, p))
  }
  private async go(kind: 'navigateTo' | 'redirectTo' | 'reLaunch', url: string): Promise<HarnessPage> {
    await this.runtime.navigate(kind, url)
    return this.currentPage()
  }
  reLaunch(url: string) {
    return this.go('reLaunch', url)
  }
  navigateTo(url: string) {
    return this.go('navigateTo', url)
  }
  redirectTo(url: string) {
    return this.go('redirectTo', url)
  }
  async navigateBack(): Promise<HarnessPage> {
    await this.runtime.navigateBack(1)
    return this.currentPage()
  }
  async mockWxMethod(method: string, result: Record<string, unknown> | ((options: any) => unknown)): Promise<void> {
    this.runtime.wxr.mock(method, result)
  }
  async restoreWxMethod(method: string): Promise<void> {
    this.runtime.wxr.restore(method)
  }
  async callWxMethod(method: string, ...args: unknown[]): Promise<any> {
    const fn = this.runtime.wxr.wx[method]
    if (typeof fn !== 'function') throw new Error(`wx.${method} is not a function`)
    return fn(...args)
  }
  get native() {
    const rt = this.runtime
    return {
      log: rt.wxr.log,
      canvas: (id: string) => rt.canvas(id),
      pageEvent: rt.pageEvent.bind(rt),
      calls: (api: string) => rt.wxr.log.calls.filter((c) => c.api === api)
    }
  }
  async close(): Promise<void> {
    this.runtime.close()
  }
}
