/**
 * Cloud storage, answered below the real wx-server-sdk.
 *
 * wx-server-sdk's uploadFile / getTempFileURL / deleteFile / downloadFile call the @cloudbase/node-sdk
 * instance methods of the same names (`CloudBase.prototype.*`), which sign requests to the storage API
 * and to COS. Those four methods are the seam: the local cloud answers them with the node-sdk's own result
 * shapes (`{ fileID }`, `{ fileList: [{ fileID, tempFileURL, code }] }`, per-file codes such as
 * `STORAGE_FILE_NONEXIST`) from its files folder, and wx-server-sdk maps them to its results and errors.
 */
import fs from 'node:fs'
import type { LocalPlatform } from '../platform'

let seq = 0
const requestId = () => `local-storage-${Date.now().toString(36)}-${(seq++).toString(36)}`

export interface StorageAnswers {
  uploadFile(
    args: { cloudPath: string; fileContent: Buffer | NodeJS.ReadableStream },
    opts?: { onResponseReceived?: (r: { statusCode: number }) => void }
  ): Promise<unknown>
  getTempFileURL(args: { fileList: Array<string | { fileID: string; maxAge?: number }> }): Promise<unknown>
  deleteFile(args: { fileList: string[] }): Promise<unknown>
  downloadFile(args: { fileID: string }): Promise<unknown>
}

async function contentOf(content: Buffer | NodeJS.ReadableStream): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content
  const chunks: Buffer[] = []
  for await (const chunk of content as AsyncIterable<Buffer | string>) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks)
}

export function storageAnswers(platform: () => LocalPlatform): StorageAnswers {
  const fileOf = (fileID: string) => platform().fileOfId(fileID)
  return {
    async uploadFile({ cloudPath, fileContent }, opts) {
      if (typeof cloudPath !== 'string' || cloudPath === '' || cloudPath.startsWith('/')) {
        return { code: 'INVALID_PARAM', message: 'cloudPath 不合法', requestId: requestId() }
      }
      const fileID = await platform().saveFile(cloudPath, await contentOf(fileContent))
      opts?.onResponseReceived?.({ statusCode: 200 })
      return { fileID, requestId: requestId() }
    },
    async getTempFileURL({ fileList }) {
      return {
        requestId: requestId(),
        fileList: fileList.map((item) => {
          const fileID = typeof item === 'string' ? item : item.fileID
          const file = fileOf(fileID)
          if (!file || !fs.existsSync(file)) return { fileID, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '', maxAge: 0 }
          return { fileID, code: 'SUCCESS', tempFileURL: platform().fileUrl(fileID), maxAge: 86400 }
        })
      }
    },
    async deleteFile({ fileList }) {
      return {
        requestId: requestId(),
        fileList: fileList.map((fileID) => {
          const file = fileOf(fileID)
          if (!file || !fs.existsSync(file)) return { fileID, code: 'STORAGE_FILE_NONEXIST' }
          fs.rmSync(file)
          return { fileID, code: 'SUCCESS' }
        })
      }
    },
    async downloadFile({ fileID }) {
      const file = fileOf(fileID)
      if (!file || !fs.existsSync(file)) return { code: 'STORAGE_FILE_NONEXIST', message: `file ${fileID} does not exist`, requestId: requestId() }
      return { fileContent: fs.readFileSync(file), message: 'success' }
    }
  }
}
