/** Poster size in canvas units; callers scale the backing store by the device pixel ratio. */
export const POSTER_WIDTH = 300
export const POSTER_HEIGHT = 460

/** What a printed code says: the brand on top, then the store, the code, who invites and why. */
export interface PosterText {
  brandName: string
  storeName: string
  /** under the code: `导购 王芳 邀您到店` on a staff poster, `欢迎光临` on the store's */
  headline: string
  tagline: string
}

export const DEFAULT_TAGLINE = '扫码成为门店粉丝，领取到店好礼'

/** A printable poster of a code (a staff member's or a store's), as index.tsx (weapp) and index.h5.tsx take it. */
export interface CodePosterProps extends Omit<PosterText, 'tagline'>, Partial<Pick<PosterText, 'tagline'>> {
  qrUrl: string
  /** the saved file's name, without extension (H5 download) */
  fileName: string
  /** the button's text */
  label?: string
}

/** Shortens text to fit `maxWidth`, so a long store name never runs off the poster. */
function fit(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text
  let cut = text
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1)
  return `${cut}…`
}

/**
 * Draws the whole poster. Uses only the canvas calls that weapp's Canvas 2D and the browser share
 * (no roundRect, no filters), so one routine serves both platforms.
 */
export function drawPoster(ctx: CanvasRenderingContext2D, qr: CanvasImageSource | null, text: PosterText): void {
  const w = POSTER_WIDTH
  const h = POSTER_HEIGHT
  const center = w / 2
  ctx.fillStyle = '#07c160'
  ctx.fillRect(0, 0, w, h)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(20, 90, w - 40, h - 150)

  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillStyle = '#ffffff'
  ctx.font = 'bold 22px sans-serif'
  ctx.fillText(fit(ctx, text.brandName, w - 40), center, 38)
  ctx.font = '15px sans-serif'
  ctx.fillText(fit(ctx, text.storeName, w - 40), center, 68)

  const qrSize = 180
  const qrTop = 110
  if (qr) {
    ctx.drawImage(qr, center - qrSize / 2, qrTop, qrSize, qrSize)
  } else {
    ctx.fillStyle = '#f0f1f3'
    ctx.fillRect(center - qrSize / 2, qrTop, qrSize, qrSize)
    ctx.fillStyle = '#8a9099'
    ctx.font = '14px sans-serif'
    ctx.fillText('二维码加载失败', center, qrTop + qrSize / 2)
  }

  ctx.fillStyle = '#1f2329'
  ctx.font = 'bold 18px sans-serif'
  ctx.fillText(fit(ctx, text.headline, w - 60), center, qrTop + qrSize + 30)
  ctx.fillStyle = '#8a9099'
  ctx.font = '14px sans-serif'
  ctx.fillText(fit(ctx, text.tagline, w - 60), center, qrTop + qrSize + 58)

  ctx.fillStyle = '#ffffff'
  ctx.font = '13px sans-serif'
  ctx.fillText('微信扫一扫 · 成为粉丝 · 领取到店好礼', center, h - 30)
}
