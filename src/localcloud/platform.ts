import fs from 'node:fs'
import path from 'node:path'
import QRCode from 'qrcode'

/**
 * What the local cloud answers in place of WeChat's platform: QR images that open the H5 check-in page,
 * files kept under the data folder and served at /files/, and an outbox of messages it would have sent.
 */
export class LocalPlatform {
  readonly outbox: Array<Record<string, unknown>> = []

  constructor(
    private readonly filesDir: string,
    private readonly baseUrl: () => string
  ) {
    fs.mkdirSync(filesDir, { recursive: true })
  }

  async qrImage(scene: string, page: string): Promise<Buffer> {
    // A standard QR whose link opens the same page with the same scene in the H5 build.
    const link = `${this.baseUrl()}/#/${page}?scene=${encodeURIComponent(scene)}`
    return QRCode.toBuffer(link, { type: 'png', width: 430, margin: 2 })
  }

  async saveFile(cloudPath: string, content: Buffer): Promise<string> {
    const safe = this.safePath(cloudPath)
    fs.mkdirSync(path.dirname(safe), { recursive: true })
    fs.writeFileSync(safe, content)
    return `cloud://local/${cloudPath}`
  }

  fileUrl(fileId: string): string {
    return `${this.baseUrl()}/files/${fileId.replace(/^cloud:\/\/local\//, '')}`
  }

  /** The file behind a fileID this local cloud handed out, or null for any other fileID. */
  fileOfId(fileId: string): string | null {
    const m = /^cloud:\/\/local\/(.+)$/.exec(fileId)
    if (!m) return null
    try {
      return this.safePath(m[1])
    } catch {
      return null
    }
  }

  /** The file behind a /files/ URL path, or null if it would leave the files folder. */
  filePath(relative: string): string | null {
    try {
      return this.safePath(decodeURIComponent(relative))
    } catch {
      return null
    }
  }

  recordMessage(message: Record<string, unknown>): void {
    this.outbox.push({ ...message, at: Date.now() })
  }

  private safePath(cloudPath: string): string {
    const full = path.resolve(this.filesDir, cloudPath)
    if (!full.startsWith(path.resolve(this.filesDir) + path.sep)) throw new Error(`path escapes the files folder: ${cloudPath}`)
    return full
  }
}
