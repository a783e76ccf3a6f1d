/**
 * Who is calling, per invocation, where the real wx-server-sdk looks for it.
 *
 * On WeChat Cloud each function instance runs one invocation at a time and the platform puts the
 * caller into the process environment: `cloud.getWXContext()` (wx-server-sdk 3.0.4,
 * src/api/utils/api/getWXContext.ts) reads `process.env.WX_CONTEXT_KEYS`, then each key it names
 * (`WX_OPENID`, `WX_APPID`, ...; the `WX_` prefix dropped), plus `TCB_ENV` / `SCF_NAMESPACE` as ENV
 * and `TCB_SOURCE` as SOURCE; @cloudbase/node-sdk's getCloudbaseContext reads the same variables.
 * The local cloud runs many invocations concurrently in one process, so it cannot set those variables
 * for one caller: the seam is `process.env` itself, replaced once by a Proxy that answers the context
 * keys from the invocation running in the current async context (AsyncLocalStorage) and passes every
 * other key through to the real environment. The SDK's own getWXContext then runs unchanged.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface Invocation {
  fn: string
  openid: string | undefined
  appid: string
  env: string
  /** TCB_SOURCE: wx_client for a mini program call, others for triggers */
  source: string
  /** database requests the SDK sent during this invocation */
  requests: number
  /** set when the platform killed the invocation at its timeout: nothing it sends is answered any more */
  killed: boolean
}

const store = new AsyncLocalStorage<Invocation>()

export function runInvocation<T>(inv: Invocation, fn: () => Promise<T>): Promise<T> {
  return store.run(inv, fn)
}

export function currentInvocation(): Invocation | undefined {
  return store.getStore()
}

const CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6'

function contextValue(inv: Invocation, key: string): string | undefined {
  switch (key) {
    case 'WX_CONTEXT_KEYS':
      return CONTEXT_KEYS
    case 'WX_OPENID':
      return inv.openid
    case 'WX_APPID':
      return inv.appid
    case 'WX_CLIENTIP':
      return '127.0.0.1'
    case 'TCB_ENV':
    case 'SCF_NAMESPACE':
      return inv.env
    case 'TCB_SOURCE':
      return inv.source
    default:
      return undefined
  }
}

const OVERLAY = new Set(['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_CLIENTIPV6', 'TCB_ENV', 'SCF_NAMESPACE', 'TCB_SOURCE'])
const INSTALLED = Symbol.for('fanloop.localcloud.envProxy')

/** Idempotent per process (and per jest sandbox, whose `process` is its own). */
export function installContextSeam(): void {
  const current = process.env as unknown as Record<symbol, unknown>
  if (current[INSTALLED]) return
  const real = process.env
  process.env = new Proxy(real, {
    get(target, key, receiver) {
      if (key === INSTALLED) return true
      const inv = typeof key === 'string' && OVERLAY.has(key) ? store.getStore() : undefined
      return inv ? contextValue(inv, key as string) : Reflect.get(target, key, receiver)
    },
    has(target, key) {
      const inv = typeof key === 'string' && OVERLAY.has(key) ? store.getStore() : undefined
      return inv ? contextValue(inv, key as string) !== undefined : Reflect.has(target, key)
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target)
      const inv = store.getStore()
      if (!inv) return keys
      const extra = [...OVERLAY].filter((k) => contextValue(inv, k) !== undefined && !keys.includes(k))
      return [...keys, ...extra]
    },
    getOwnPropertyDescriptor(target, key) {
      const inv = typeof key === 'string' && OVERLAY.has(key) ? store.getStore() : undefined
      if (!inv) return Reflect.getOwnPropertyDescriptor(target, key)
      const value = contextValue(inv, key as string)
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true }
    }
  })
}
