import { AsyncLocalStorage } from 'node:async_hooks'
import type { CloudDatabase } from '../db'

/** What one call of a function sees as its WeChat context: set per request by the local cloud. */
export interface WXContext {
  OPENID?: string
  APPID: string
  ENV: string
  SOURCE: string
}

/** Platform services the local cloud answers itself (QR images, storage, messages). */
export interface PlatformStandIns {
  qrImage(scene: string, page: string): Promise<Buffer>
  saveFile(cloudPath: string, content: Buffer): Promise<string>
  fileUrl(fileId: string): string
  recordMessage(message: Record<string, unknown>): void
}

export interface LocalRuntime {
  db: CloudDatabase
  platform: PlatformStandIns
  appid: string
  env: string
}

const context = new AsyncLocalStorage<WXContext>()
let runtime: LocalRuntime | null = null

/** The local cloud binds its database and stand-ins before loading any function. */
export function bindRuntime(next: LocalRuntime | null): void {
  runtime = next
}

export function currentRuntime(): LocalRuntime {
  if (!runtime) throw new Error('local cloud runtime not bound: start a LocalCloud before calling functions')
  return runtime
}

/** Run one function call as `openid`; every await inside sees the same context. */
export function runAs<T>(openid: string | undefined, source: string, fn: () => Promise<T>): Promise<T> {
  const rt = currentRuntime()
  return context.run({ OPENID: openid, APPID: rt.appid, ENV: rt.env, SOURCE: source }, fn)
}

export function currentContext(): WXContext {
  const rt = currentRuntime()
  return context.getStore() ?? { APPID: rt.appid, ENV: rt.env, SOURCE: 'local' }
}
