/**
 * The local stand-in for `wx-server-sdk`: the same names the functions use, answered by the local
 * cloud's SQLite database and platform stand-ins instead of the network. Functions never import this
 * file; the local cloud (and jest) resolve `wx-server-sdk` to it.
 */
import type { CloudDatabase } from '../db'
import { currentContext, currentRuntime } from './runtime'

export const DYNAMIC_CURRENT_ENV = Symbol.for('wx-server-sdk.DYNAMIC_CURRENT_ENV')

export function init(_options?: unknown): void {
  // Nothing to connect to: the runtime is bound by the local cloud.
}

/**
 * Functions call cloud.database() once at module load and keep it, as on the real platform; the local
 * cloud may be restarted (or a test may start a fresh one) under the same loaded module, so hand out a
 * facade that always reaches the database bound now.
 */
const databaseFacade = new Proxy({} as CloudDatabase, {
  get(_target, prop) {
    const db = currentRuntime().db as unknown as Record<PropertyKey, unknown>
    const value = db[prop]
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(db) : value
  }
})

export function database(): CloudDatabase {
  return databaseFacade
}

export function getWXContext() {
  return { ...currentContext() }
}

export async function uploadFile({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) {
  const fileID = await currentRuntime().platform.saveFile(cloudPath, fileContent)
  return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' }
}

export async function getTempFileURL({ fileList }: { fileList: string[] }) {
  const { platform } = currentRuntime()
  return { fileList: fileList.map((fileID) => ({ fileID, tempFileURL: platform.fileUrl(fileID), status: 0, errMsg: 'ok' })), errMsg: 'getTempFileURL:ok' }
}

/**
 * Documented stand-in for cloudID decryption: the local cloud's cloudIDs are `local-cloudid:<base64url JSON>`
 * and decode to that JSON (for a group share ticket: `{ "opengid": "..." }`). Anything else fails as a
 * real expired cloudID would.
 */
export async function getOpenData({ list }: { list: string[] }) {
  return {
    list: list.map((cloudID) => {
      const m = /^local-cloudid:([A-Za-z0-9_-]+)$/.exec(cloudID)
      if (!m) return { cloudID, errCode: -601006, errMsg: 'cloudID expired or invalid' }
      return { cloudID, json: { data: JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as unknown } }
    })
  }
}

export const openapi = {
  wxacode: {
    async getUnlimited({ scene, page = 'pages/index/index' }: { scene: string; page?: string }) {
      return { contentType: 'image/png', buffer: await currentRuntime().platform.qrImage(scene, page), errCode: 0 }
    }
  },
  subscribeMessage: {
    async send(message: Record<string, unknown>) {
      currentRuntime().platform.recordMessage({ kind: 'subscribeMessage', ...message })
      return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
    }
  },
  security: {
    // No risk data offline: everyone is rank 0 (the real API's "no risk").
    async getUserRiskRank(_options: Record<string, unknown>) {
      return { errCode: 0, riskRank: 0 }
    }
  }
}

const cloud = { DYNAMIC_CURRENT_ENV, init, database, getWXContext, uploadFile, getTempFileURL, getOpenData, openapi }
export default cloud
