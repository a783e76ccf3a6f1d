/* eslint-disable @typescript-eslint/no-explicit-any -- wcc's generated code is untyped JavaScript */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import compiler from 'miniprogram-compiler'

/** One node of the tree WeChat renders: what `$gwx(path)(data)` answers, tags prefixed `wx-`. */
export interface VNode {
  tag: string
  attr: Record<string, unknown>
  children: Child[]
  /** set by the harness: the custom component instance that owns this node's event handlers */
  owner?: unknown
  parent?: VNode
}
export type Child = VNode | string

export type Gwx = (path: string) => ((data: unknown, env: unknown, global: unknown) => any) | undefined

/** WeChat's built-in components (the base library's list); anything else must be in usingComponents. */
export const BUILTIN = new Set(
  (
    'view scroll-view swiper swiper-item movable-area movable-view cover-view cover-image icon text rich-text progress button checkbox ' +
    'checkbox-group form input label picker picker-view picker-view-column radio radio-group slider switch textarea editor navigator ' +
    'image video camera live-player live-pusher map canvas open-data web-view ad ad-custom official-account audio functional-page-navigator ' +
    'page-meta navigation-bar keyboard-accessory match-media page-container share-element root-portal grid-view list-view sticky-header ' +
    'sticky-section channel-live channel-video voip-room store-product slot block'
  ).split(' ')
)

/**
 * Compiles every WXML under `root` with wcc (as DevTools does) and returns `$gwx`. The generated code
 * expects a `window` global and reports template errors on the console: both are captured, and a
 * render that logs a WXMLRT error throws.
 */
const wccOutput = new Map<string, string>()
const wcscDone = new Set<string>()

export function compileWxml(root: string): { gwx: Gwx; errors: string[]; toRealm: (data: unknown) => unknown } {
  // wcc runs once per build folder and process; each mini program gets a fresh context for its output
  const code = wccOutput.get(root) ?? compiler.wxmlToJs(root, { maxBuffer: 64 << 20 })
  wccOutput.set(root, code)
  const errors: string[] = []
  const record = (...args: unknown[]) => errors.push(args.map(String).join(' '))
  const ctx = vm.createContext({ console: { log: record, warn: record, error: record, info: record, debug: () => undefined } })
  ;(ctx as any).window = ctx
  const gwx = vm.runInContext(`(function(){${code}})()`, ctx, { filename: 'wcc-output.js' }) as Gwx
  // wcc's WXS runtime recognises data by its own realm's Object.prototype (it tags it): data made
  // elsewhere reaches a WXS function as undefined, so it is re-made inside that realm first.
  const parse = vm.runInContext('JSON.parse', ctx) as (s: string) => unknown
  return { gwx, errors, toRealm: (data) => parse(JSON.stringify(data)) }
}

/** Compiles every WXSS under `root` with wcsc; a style error throws with wcsc's message. */
export function compileWxss(root: string): void {
  if (wcscDone.has(root)) return
  // the package's wxssToJs returns wcsc's error instead of throwing it, then fails on it: call wcsc itself
  const wcsc = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[], o: object) => unknown
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.wxss')).map((f) => f.split(path.sep).join('/').slice(0, -5))
  const result = wcsc(root, files, { maxBuffer: 64 << 20 })
  if (result instanceof Error) throw new Error(result.message)
  wcscDone.add(root)
}

export function isNode(c: Child | undefined): c is VNode {
  return typeof c === 'object' && c !== null
}

export function name(n: VNode): string {
  return n.tag.replace(/^wx-/, '')
}

export function textOf(n: Child): string {
  if (!isNode(n)) return n
  return n.children.map(textOf).join('')
}

export function classes(n: VNode): string[] {
  return String(n.attr.class ?? '')
    .split(/\s+/)
    .filter(Boolean)
}

export function walk(n: VNode, visit: (n: VNode) => void): void {
  visit(n)
  for (const c of n.children) if (isNode(c)) walk(c, visit)
}

/** `tag.class#id[attr=value]` compounds joined by descendant spaces: what the specs select with. */
function matchesCompound(n: VNode, compound: string): boolean {
  const re = /([.#]?)([\w-]+)|\[([\w-]+)(?:=["']?([^\]"']*)["']?)?\]/g
  let m: RegExpExecArray | null
  let any = false
  while ((m = re.exec(compound))) {
    any = true
    if (m[3]) {
      const v = n.attr[m[3]]
      if (v === undefined || (m[4] !== undefined && String(v) !== m[4])) return false
    } else if (m[1] === '.') {
      if (!classes(n).includes(m[2])) return false
    } else if (m[1] === '#') {
      if (n.attr.id !== m[2]) return false
    } else if (name(n) !== m[2]) return false
  }
  return any
}

export function matches(n: VNode, selector: string): boolean {
  const parts = selector.trim().split(/\s+/)
  if (!matchesCompound(n, parts[parts.length - 1])) return false
  let i = parts.length - 2
  for (let p = n.parent; p && i >= 0; p = p.parent) if (matchesCompound(p, parts[i])) i--
  return i < 0
}

export function queryAll(root: VNode, selector: string): VNode[] {
  const hits: VNode[] = []
  const alternatives = selector.split(',').map((s) => s.trim())
  walk(root, (n) => {
    if (n !== root && alternatives.some((s) => matches(n, s))) hits.push(n)
  })
  return hits
}

/** `data-foo-bar` attributes as WeChat's `dataset` (`fooBar`). */
export function dataset(n: VNode): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(n.attr)) {
    if (k.startsWith('data-')) out[k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = v
  }
  return out
}
