/* eslint-disable @typescript-eslint/no-explicit-any -- the page code sees WeChat's untyped Canvas node */
import fs from 'node:fs'
import { createCanvas, loadImage, type Canvas, type SKRSContext2D } from '@napi-rs/canvas'

/**
 * A `type="2d"` canvas node as `SelectorQuery.fields({ node: true })` gives it on WeChat: width and
 * height set the backing store, `getContext('2d')`, `createImage()` (loads local temp files), and
 * `requestAnimationFrame`. Pixels are real (Skia through @napi-rs/canvas), so tests can count them.
 */
export class CanvasNode {
  private canvas: Canvas = createCanvas(300, 150)
  private ctx: SKRSContext2D | null = null
  /** turns a page-visible path (wxfile://…, http://…) into bytes */
  constructor(
    readonly id: string,
    private readonly readFile: (path: string) => Promise<Buffer>
  ) {}

  get width(): number {
    return this.canvas.width
  }
  set width(v: number) {
    this.canvas.width = Math.max(1, Math.round(v))
  }
  get height(): number {
    return this.canvas.height
  }
  set height(v: number) {
    this.canvas.height = Math.max(1, Math.round(v))
  }

  getContext(type: string): SKRSContext2D | null {
    if (type !== '2d') return null
    if (!this.ctx) {
      this.ctx = this.canvas.getContext('2d')
      patchDrawImage(this.ctx)
    }
    return this.ctx
  }

  createImage(): any {
    const readFile = this.readFile
    const img: any = { onload: null, onerror: null, width: 0, height: 0 }
    let src = ''
    Object.defineProperty(img, 'src', {
      get: () => src,
      set: (v: string) => {
        src = v
        readFile(v)
          .then((buf) => loadImage(buf))
          .then((decoded) => {
            img.__image = decoded
            img.width = decoded.width
            img.height = decoded.height
            img.onload?.()
          })
          .catch((err) => img.onerror?.(err))
      }
    })
    return img
  }

  requestAnimationFrame(cb: (t: number) => void): number {
    return setTimeout(() => cb(Date.now()), 16) as unknown as number
  }
  cancelAnimationFrame(id: number): void {
    clearTimeout(id)
  }

  toPng(): Buffer {
    return this.canvas.toBuffer('image/png')
  }

  toDataURL(): string {
    return `data:image/png;base64,${this.toPng().toString('base64')}`
  }

  /** painted: pixels with any alpha; dark: opaque near-black pixels (luminance < 80: QR modules, body text; not brand green). */
  ink(): { painted: number; dark: number; width: number; height: number } {
    const { width, height } = this.canvas
    const data = this.getContext('2d')!.getImageData(0, 0, width, height).data
    let painted = 0
    let dark = 0
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue
      painted++
      if (data[i + 3] > 127 && 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2] < 80) dark++
    }
    return { painted, dark, width, height }
  }
}

/** `drawImage` on @napi-rs/canvas wants its own Image: unwrap the page's createImage() object. */
export function patchDrawImage(ctx: SKRSContext2D): void {
  const proto = Object.getPrototypeOf(ctx) as { drawImage: (...a: any[]) => void; __patched?: boolean }
  if (proto.__patched) return
  const original = proto.drawImage
  proto.drawImage = function (this: SKRSContext2D, img: any, ...rest: any[]) {
    return original.call(this, img?.__image ?? img, ...rest)
  }
  proto.__patched = true
}

export function writePng(file: string, node: CanvasNode): void {
  fs.writeFileSync(file, node.toPng())
}
