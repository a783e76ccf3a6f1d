/**
 * How the local cloud sits under the real wx-server-sdk: functions `require('wx-server-sdk')` and get
 * the installed package (no module substitution); the local cloud replaces, once per process, the few
 * places where that SDK would leave the process, and answers there:
 *
 * | what | seam | file |
 * |---|---|---|
 * | caller identity (`getWXContext`) | `process.env` (WX_CONTEXT_KEYS, WX_OPENID, ...) per async context | context.ts |
 * | database | `DBRequest.prototype.send` in @cloudbase/node-sdk | db-seam.ts (sdk branch) |
 * | `openapi.*`, `getOpenData` | `CloudBase.prototype.callCompatibleWxOpenApi` (protobuf in and out) | openapi.ts |
 * | storage | `CloudBase.prototype.uploadFile / getTempFileURL / deleteFile / downloadFile` | storage.ts |
 * | everything else that would go out | the other `CloudBase.prototype` network methods answer "not emulated" | here |
 *
 * Everything above those seams — query builder, serializer, result parsing, error mapping — is
 * WeChat's own code. The seams reach whichever LocalCloud is bound now (`bindWire`), so a function
 * module loaded once keeps working across local clouds started and stopped in one process (tests).
 */
import path from 'node:path'
import type { LocalPlatform } from '../platform'
import { currentInvocation, installContextSeam } from './context'
import type { PlatformFaults } from './faults'
import { answerOpenApi } from './openapi'
import { storageAnswers } from './storage'
import { installDatabaseWire } from './db-seam'

export interface WireHost {
  platform: LocalPlatform
  faults: PlatformFaults
  /** answers one database request (the sdk branch's createDatabaseWire(...).send) */
  sendDb(action: string, params: unknown): Promise<unknown>
}

let host: WireHost | null = null

/** The local cloud now answering what the SDK sends (null: none; every request then fails). */
export function bindWire(next: WireHost): void {
  host = next
}

/** Stop answering for `was`, unless another local cloud has been bound since. */
export function unbindWire(was: WireHost): void {
  if (host === was) host = null
}

const NOT_RUNNING = { code: 'SYS_ERR', message: 'no local cloud is running to answer this request' }

/** A killed invocation's requests never come back, as on the platform where its process is gone. */
const never = () => new Promise<never>(() => undefined)

interface CloudBaseProto {
  [method: string]: unknown
}

function sdkFile(request: string): string {
  return require.resolve(request, { paths: [path.dirname(require.resolve('wx-server-sdk'))] })
}

let installed = false

export function installWire(): void {
  if (installed) return
  installed = true
  installContextSeam()
  require('wx-server-sdk')
  const { CloudBase } = require(sdkFile('@cloudbase/node-sdk/lib/cloudbase')) as { CloudBase: { prototype: CloudBaseProto } }
  const proto = CloudBase.prototype

  for (const method of ['callFunction', 'callWxOpenApi', 'callWxPayApi', 'wxCallContainerApi', 'getUploadMetadata', 'getFileAuthority', 'analytics']) {
    proto[method] = async () => ({ code: 'SYS_ERR', message: `the local cloud does not emulate ${method}` })
  }

  proto.callCompatibleWxOpenApi = async ({ apiName, requestData }: { apiName: string; requestData: Buffer }) => {
    if (currentInvocation()?.killed) return never()
    if (!host) return NOT_RUNNING
    return answerOpenApi(host, apiName, requestData)
  }

  const storage = storageAnswers(() => {
    if (!host) throw new Error(NOT_RUNNING.message)
    return host.platform
  })
  for (const method of ['uploadFile', 'getTempFileURL', 'deleteFile', 'downloadFile'] as const) {
    proto[method] = async (args: never, opts: never) => {
      if (currentInvocation()?.killed) return never()
      if (!host) return NOT_RUNNING
      return storage[method](args, opts)
    }
  }

  installDatabaseWire(async (action: string, params: unknown) => {
    const inv = currentInvocation()
    if (inv?.killed) return never()
    if (inv) inv.requests++
    if (!host) return NOT_RUNNING
    const latency = host.faults.dbLatencyMs
    if (latency > 0) {
      await new Promise((resolve) => setTimeout(resolve, latency))
      if (inv?.killed) return never()
      if (!host) return NOT_RUNNING
    }
    return host.sendDb(action, params)
  })
}
