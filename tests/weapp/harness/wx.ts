/* eslint-disable @typescript-eslint/no-explicit-any -- wx's options and answers are untyped as on WeChat */
import fs from 'node:fs'
import path from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import type { CanvasNode } from './canvas'

/** What the `wx` object needs from the running mini program. */
export interface WxHost {
  readonly appJson: { requiredPrivateInfos?: string[]; [k: string]: unknown }
  readonly launchOptions: { path: string; query: Record<string, string>; scene: number; shareTicket?: string }
  readonly cloudUrl: string
  readonly filesDir: string
  readonly tmpDir: string
  openid(): string
  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch', url: string): Promise<void>
  navigateBack(delta: number): Promise<void>
  /** canvas nodes (or bare sizes) for `#id` / `.class` in the current page (or a component scope) */
  selectFields(
    selector: string,
    all: boolean,
    scope: unknown
  ): Array<{ id: string; dataset: Record<string, unknown>; width: number; height: number; node?: CanvasNode }>
  /** true while a tap is being delivered (and for the microtasks it starts): the user-gesture window */
  inTap(): boolean
  stopPullDownRefresh(): void
}

/** Everything the device showed or did, for assertions a real phone would make visible. */
export interface WxLog {
  calls: Array<{ api: string; options: unknown }>
  toasts: string[]
  modals: Array<{ title: string; content: string }>
  clipboard: string | null
  album: string[]
  uploads: string[]
  subscribe: Array<Record<string, string>>
}

export type Mock = (options: any) => unknown

/** WeChat's failure shape: the API rejects with `{ errMsg: '<api>:fail <reason>' }`. */
export class WxFail {
  constructor(readonly errMsg: string) {}
}
const fail = (api: string, reason: string) => new WxFail(`${api}:fail ${reason}`)

const WINDOW = { pixelRatio: 2, screenWidth: 375, screenHeight: 812, windowWidth: 375, windowHeight: 724, statusBarHeight: 44 }
const DEVICE = { brand: 'devtools', model: 'iPhone 12/13 (Pro)', system: 'iOS 16.0.1', platform: 'ios', benchmarkLevel: 1, memorySize: 4096 }
const BASE = { SDKVersion: '3.4.10', language: 'zh_CN', version: '8.0.50', theme: 'light', enableDebug: false, host: { env: 'WeChat' } }

/** The answer a mocked method gives, as miniprogram-automator's mockWxMethod: `errMsg` with `:fail` rejects. */
async function mockAnswer(mock: Mock | { result: unknown }, api: string, options: unknown): Promise<Record<string, unknown>> {
  const res = (typeof mock === 'function' ? await mock(options) : mock.result) as Record<string, unknown> | undefined
  const out = { errMsg: `${api}:ok`, ...(res ?? {}) }
  if (/:fail/.test(String(out.errMsg))) throw new WxFail(String(out.errMsg))
  return out
}

/**
 * `wx` as the base library documents it, for the APIs this app and Taro's runtime use. What the base
 * library lacks is absent here too (no catch-all), so a call to an API WeChat does not have fails as it
 * would on a phone. Answers are WeChat's defaults for a user who says yes; specs switch any method to a
 * refusal or another answer with `mock`.
 */
export function createWx(host: WxHost) {
  const log: WxLog = { calls: [], toasts: [], modals: [], clipboard: null, album: [], uploads: [], subscribe: [] }
  const mocks = new Map<string, Mock | { result: unknown }>()
  const storage = new Map<string, string>()
  const tempFiles = new Map<string, string>()
  const authSetting: Record<string, boolean> = {}
  let cloudReady = false
  let tmpSeq = 0

  const tempPath = (ext: string, content: Buffer): string => {
    const name = `tmp_${++tmpSeq}.${ext}`
    const file = path.join(host.tmpDir, name)
    fs.writeFileSync(file, content)
    const p = `wxfile://${name}`
    tempFiles.set(p, file)
    return p
  }
  /** bytes behind a path the page holds: a temp file, a cloud file or an http(s) URL */
  const readFile = async (p: string): Promise<Buffer> => {
    if (tempFiles.has(p)) return fs.readFileSync(tempFiles.get(p)!)
    if (p.startsWith('cloud://local/')) return fs.readFileSync(path.join(host.filesDir, p.slice('cloud://local/'.length)))
    if (/^https?:\/\//.test(p)) {
      const res = await fetch(p)
      if (!res.ok) throw new Error(`${res.status} ${p}`)
      return Buffer.from(await res.arrayBuffer())
    }
    throw new Error(`no such file: ${p}`)
  }
  const declared = (api: string) => {
    if (!(host.appJson.requiredPrivateInfos ?? []).includes(api))
      throw fail(api, 'the api need to be declared in the requiredPrivateInfos field in app.json/ext.json')
  }

  /** An async API: callbacks when given, a Promise otherwise, `errMsg` on every answer, mocks first. */
  const api = (name: string, impl: (o: any) => unknown) => {
    return (options: any = {}) => {
      log.calls.push({ api: name, options })
      const mock = mocks.get(name)
      const p = (async () => {
        if (mock) return mockAnswer(mock, name, options)
        return { errMsg: `${name}:ok`, ...((await impl(options)) as object) }
      })()
      const settled = p.then(
        (res) => {
          options.success?.(res)
          options.complete?.(res)
          return res
        },
        (err) => {
          const e = err instanceof WxFail ? { errMsg: err.errMsg } : { errMsg: `${name}:fail ${String(err?.message ?? err)}` }
          options.fail?.(e)
          options.complete?.(e)
          throw e
        }
      )
      if (options.success || options.fail || options.complete) {
        settled.catch(() => undefined)
        return undefined
      }
      return settled
    }
  }
  /** A sync API; a mock's result is returned as it is. */
  const sync = (name: string, impl: (...a: any[]) => unknown) => {
    return (...args: any[]) => {
      log.calls.push({ api: name, options: args[0] })
      const mock = mocks.get(name)
      if (mock) return typeof mock === 'function' ? mock(args[0]) : mock.result
      return impl(...args)
    }
  }

  const callFunction = api('cloud.callFunction', async (o: { name: string; data?: unknown }) => {
    if (!cloudReady) throw fail('cloud.callFunction', 'Cloud API isn’t enabled, please call wx.cloud.init first')
    const res = await fetch(`${host.cloudUrl}/fn/${o.name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': host.openid() },
      body: JSON.stringify(o.data ?? {})
    })
    if (res.status >= 500 && res.headers.get('content-type')?.includes('json') !== true) throw fail('cloud.callFunction', `${res.status}`)
    return { result: await res.json(), requestID: `local-${Date.now()}` }
  })

  const selectorQuery = () => {
    let scope: unknown = null
    const queue: Array<() => unknown> = []
    const callbacks: Array<((r: unknown) => void) | undefined> = []
    const nodesRef = (selector: string, all: boolean) => {
      const pick = (fields: { node?: boolean; size?: boolean; id?: boolean; dataset?: boolean; rect?: boolean }) => () => {
        const hits = host.selectFields(selector, all, scope).map((h) => {
          const out: Record<string, unknown> = {}
          if (fields.id) out.id = h.id
          if (fields.dataset) out.dataset = h.dataset
          if (fields.size || fields.rect) Object.assign(out, { width: h.width, height: h.height })
          if (fields.rect) Object.assign(out, { left: 0, top: 0, right: h.width, bottom: h.height })
          if (fields.node) out.node = h.node ?? null
          return out
        })
        return all ? hits : (hits[0] ?? null)
      }
      const ref = {
        fields(fields: Record<string, boolean>, cb?: (r: unknown) => void) {
          queue.push(pick(fields))
          callbacks.push(cb)
          return q
        },
        boundingClientRect(cb?: (r: unknown) => void) {
          return ref.fields({ rect: true, id: true, dataset: true }, cb)
        },
        node(cb?: (r: unknown) => void) {
          return ref.fields({ node: true }, cb)
        },
        scrollOffset(cb?: (r: unknown) => void) {
          queue.push(() => ({ scrollLeft: 0, scrollTop: 0 }))
          callbacks.push(cb)
          return q
        }
      }
      return ref
    }
    const q = {
      in(component: unknown) {
        scope = component
        return q
      },
      select: (s: string) => nodesRef(s, false),
      selectAll: (s: string) => nodesRef(s, true),
      selectViewport: () => ({
        boundingClientRect: (cb?: (r: unknown) => void) => {
          queue.push(() => ({ left: 0, top: 0, width: WINDOW.windowWidth, height: WINDOW.windowHeight }))
          callbacks.push(cb)
          return q
        },
        scrollOffset: (cb?: (r: unknown) => void) => {
          queue.push(() => ({ scrollLeft: 0, scrollTop: 0 }))
          callbacks.push(cb)
          return q
        }
      }),
      exec(cb?: (r: unknown[]) => void) {
        log.calls.push({ api: 'createSelectorQuery.exec', options: null })
        // answered after the view layer has the latest data, as WeChat answers after a round trip
        setTimeout(() => {
          const results = queue.map((f) => f())
          results.forEach((r, i) => callbacks[i]?.(r))
          cb?.(results)
        }, 0)
      }
    }
    return q
  }

  const wx: Record<string, any> = {
    // ---- base and system
    canIUse: (schema: string) => schema.split('.')[0] in wx,
    getWindowInfo: sync('getWindowInfo', () => ({ ...WINDOW, safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 } })),
    getDeviceInfo: sync('getDeviceInfo', () => ({ ...DEVICE })),
    getAppBaseInfo: sync('getAppBaseInfo', () => ({ ...BASE })),
    getSystemSetting: sync('getSystemSetting', () => ({ bluetoothEnabled: false, locationEnabled: true, wifiEnabled: true, deviceOrientation: 'portrait' })),
    getAppAuthorizeSetting: sync('getAppAuthorizeSetting', () => ({
      albumAuthorized: 'authorized',
      locationAuthorized: 'authorized',
      notificationAuthorized: 'authorized'
    })),
    getSystemInfoSync: sync('getSystemInfoSync', () => ({ ...WINDOW, ...DEVICE, ...BASE, fontSizeSetting: 16 })),
    getSystemInfo: api('getSystemInfo', () => ({ ...WINDOW, ...DEVICE, ...BASE, fontSizeSetting: 16 })),
    getAccountInfoSync: sync('getAccountInfoSync', () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } })),
    getLaunchOptionsSync: sync('getLaunchOptionsSync', () => ({ ...host.launchOptions, referrerInfo: {} })),
    getEnterOptionsSync: sync('getEnterOptionsSync', () => ({ ...host.launchOptions, referrerInfo: {} })),
    getMenuButtonBoundingClientRect: sync('getMenuButtonBoundingClientRect', () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 })),
    nextTick: (cb: () => void) => setTimeout(cb, 0),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    onError: () => undefined,
    onUnhandledRejection: () => undefined,
    onPageNotFound: () => undefined,
    onMemoryWarning: () => undefined,
    onNetworkStatusChange: () => undefined,
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,
    getUpdateManager: () => ({
      onCheckForUpdate: () => undefined,
      onUpdateReady: () => undefined,
      onUpdateFailed: () => undefined,
      applyUpdate: () => undefined
    }),
    reportAnalytics: () => undefined,
    // ---- storage
    setStorageSync: sync('setStorageSync', (k: string, v: unknown) => void storage.set(k, JSON.stringify(v))),
    getStorageSync: sync('getStorageSync', (k: string) => (storage.has(k) ? JSON.parse(storage.get(k)!) : '')),
    removeStorageSync: sync('removeStorageSync', (k: string) => void storage.delete(k)),
    clearStorageSync: sync('clearStorageSync', () => storage.clear()),
    getStorageInfoSync: sync('getStorageInfoSync', () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 })),
    setStorage: api('setStorage', (o) => void storage.set(o.key, JSON.stringify(o.data))),
    getStorage: api('getStorage', (o) => {
      if (!storage.has(o.key)) throw fail('getStorage', 'data not found')
      return { data: JSON.parse(storage.get(o.key)!) }
    }),
    removeStorage: api('removeStorage', (o) => void storage.delete(o.key)),
    clearStorage: api('clearStorage', () => storage.clear()),
    // ---- routing
    navigateTo: api('navigateTo', (o) => host.navigate('navigateTo', o.url)),
    redirectTo: api('redirectTo', (o) => host.navigate('redirectTo', o.url)),
    reLaunch: api('reLaunch', (o) => host.navigate('reLaunch', o.url)),
    navigateBack: api('navigateBack', (o) => host.navigateBack(o.delta ?? 1)),
    switchTab: api('switchTab', () => {
      throw fail('switchTab', 'can not switch to no-tabBar page')
    }),
    // ---- interface
    showToast: api('showToast', (o) => void log.toasts.push(String(o.title ?? ''))),
    hideToast: api('hideToast', () => undefined),
    showLoading: api('showLoading', () => undefined),
    hideLoading: api('hideLoading', () => undefined),
    showModal: api('showModal', (o) => {
      log.modals.push({ title: String(o.title ?? ''), content: String(o.content ?? '') })
      return { confirm: true, cancel: false }
    }),
    showActionSheet: api('showActionSheet', () => {
      throw fail('showActionSheet', 'cancel')
    }),
    setNavigationBarTitle: api('setNavigationBarTitle', () => undefined),
    setNavigationBarColor: api('setNavigationBarColor', () => undefined),
    showNavigationBarLoading: api('showNavigationBarLoading', () => undefined),
    hideNavigationBarLoading: api('hideNavigationBarLoading', () => undefined),
    hideHomeButton: api('hideHomeButton', () => undefined),
    startPullDownRefresh: api('startPullDownRefresh', () => undefined),
    stopPullDownRefresh: api('stopPullDownRefresh', () => host.stopPullDownRefresh()),
    pageScrollTo: api('pageScrollTo', () => undefined),
    showShareMenu: api('showShareMenu', () => undefined),
    hideShareMenu: api('hideShareMenu', () => undefined),
    vibrateShort: api('vibrateShort', () => undefined),
    makePhoneCall: api('makePhoneCall', () => {
      throw fail('makePhoneCall', 'cancel')
    }),
    createSelectorQuery: () => selectorQuery(),
    // ---- authorisation
    getSetting: api('getSetting', () => ({ authSetting: { ...authSetting } })),
    // the settings page where the user turns a permission back on; here they do
    openSetting: api('openSetting', () => {
      authSetting['scope.userFuzzyLocation'] = true
      authSetting['scope.writePhotosAlbum'] = true
      return { authSetting: { ...authSetting } }
    }),
    authorize: api('authorize', (o) => void (authSetting[o.scope] = true)),
    // ---- location
    getFuzzyLocation: api('getFuzzyLocation', () => {
      declared('getFuzzyLocation')
      authSetting['scope.userFuzzyLocation'] = true
      return { longitude: 121.4737, latitude: 31.2304 }
    }),
    chooseLocation: api('chooseLocation', (o) => {
      declared('chooseLocation')
      return { name: '静安寺', address: '上海市静安区南京西路1686号', longitude: o.longitude ?? 121.4456, latitude: o.latitude ?? 31.2235 }
    }),
    openLocation: api('openLocation', () => undefined),
    // getLocation exists but is not declared in app.json: WeChat refuses it
    getLocation: api('getLocation', () => declared('getLocation')),
    // ---- open capabilities
    requestSubscribeMessage: api('requestSubscribeMessage', (o) => {
      if (!host.inTap()) throw new WxFail('requestSubscribeMessage:fail can only be invoked by user TAP gesture.')
      const ids = (o.tmplIds ?? []) as string[]
      if (ids.length === 0 || ids.length > 3) throw new WxFail('requestSubscribeMessage:fail TmplIds can not be empty or more than 3')
      const answer = Object.fromEntries(ids.map((id) => [id, 'accept']))
      log.subscribe.push(answer)
      return answer
    }),
    getGroupEnterInfo: api('getGroupEnterInfo', () => {
      if (!host.launchOptions.shareTicket) throw fail('getGroupEnterInfo', 'no shareTicket')
      return { cloudID: `local-cloudid:${Buffer.from(JSON.stringify({ opengid: `G-${host.launchOptions.shareTicket}` })).toString('base64url')}` }
    }),
    scanCode: api('scanCode', () => {
      throw fail('scanCode', 'cancel')
    }),
    setClipboardData: api('setClipboardData', (o) => {
      log.clipboard = String(o.data)
      wx.showToast({ title: '内容已复制', icon: 'none' })
    }),
    getClipboardData: api('getClipboardData', () => ({ data: log.clipboard ?? '' })),
    // ---- media and files
    chooseMedia: api('chooseMedia', () => {
      const c = createCanvas(120, 120)
      const ctx = c.getContext('2d')
      ctx.fillStyle = '#000'
      ctx.fillRect(10, 10, 100, 100)
      const tempFilePath = tempPath('png', c.toBuffer('image/png'))
      return { type: 'image', tempFiles: [{ tempFilePath, size: fs.statSync(tempFiles.get(tempFilePath)!).size, fileType: 'image' }] }
    }),
    chooseImage: api('chooseImage', () => {
      const c = createCanvas(60, 60)
      const tempFilePath = tempPath('png', c.toBuffer('image/png'))
      return { tempFilePaths: [tempFilePath], tempFiles: [{ path: tempFilePath, size: 100 }] }
    }),
    previewImage: api('previewImage', () => undefined),
    getImageInfo: api('getImageInfo', async (o) => {
      const buf = await readFile(o.src).catch(() => {
        throw fail('getImageInfo', 'download image fail')
      })
      const local = tempFiles.has(o.src) ? o.src : tempPath('png', buf)
      return { path: local, width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), type: 'png' }
    }),
    canvasToTempFilePath: api('canvasToTempFilePath', (o: { canvas?: CanvasNode; canvasId?: string }) => {
      if (!o.canvas) throw fail('canvasToTempFilePath', 'canvas is empty')
      return { tempFilePath: tempPath('png', o.canvas.toPng()) }
    }),
    saveImageToPhotosAlbum: api('saveImageToPhotosAlbum', (o) => {
      if (!tempFiles.has(o.filePath)) throw fail('saveImageToPhotosAlbum', 'invalid file type')
      authSetting['scope.writePhotosAlbum'] = true
      log.album.push(tempFiles.get(o.filePath)!)
    }),
    // ---- cloud development (the local cloud answers /fn/<name> as the spec's persona)
    cloud: {
      init: (o: unknown) => {
        log.calls.push({ api: 'cloud.init', options: o })
        cloudReady = true
      },
      callFunction,
      uploadFile: api('cloud.uploadFile', async (o: { cloudPath: string; filePath: string }) => {
        if (!cloudReady) throw fail('cloud.uploadFile', 'please call wx.cloud.init first')
        const target = path.join(host.filesDir, o.cloudPath)
        fs.mkdirSync(path.dirname(target), { recursive: true })
        fs.writeFileSync(target, await readFile(o.filePath))
        log.uploads.push(o.cloudPath)
        return { fileID: `cloud://local/${o.cloudPath}`, statusCode: 200 }
      }),
      downloadFile: api('cloud.downloadFile', async (o: { fileID: string }) => ({ tempFilePath: tempPath('png', await readFile(o.fileID)), statusCode: 200 })),
      getTempFileURL: api('cloud.getTempFileURL', (o: { fileList: string[] }) => ({
        fileList: o.fileList.map((fileID) => ({ fileID, tempFileURL: `${host.cloudUrl}/files/${fileID.replace(/^cloud:\/\/local\//, '')}`, status: 0 }))
      })),
      CloudID: (cloudID: string) => ({ cloudID })
    }
  }

  // Taro's canIUse-style checks and processApis read the keys once, at load: keep the set fixed from here.
  return {
    wx,
    log,
    readFile,
    /** miniprogram-automator's mockWxMethod: a result object (errMsg with ':fail' rejects) or a function of the options */
    mock(name: string, answer: Mock | Record<string, unknown>) {
      mocks.set(name, typeof answer === 'function' ? answer : { result: answer })
    },
    restore(name: string) {
      mocks.delete(name)
    },
    authSetting
  }
}

export type WxRuntime = ReturnType<typeof createWx>
