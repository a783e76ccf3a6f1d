import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { DEFAULT_TAGLINE, drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type CodePosterProps, type PosterText } from './draw'
import './index.scss'

/** A cross-origin QR without CORS headers would taint the canvas; then the poster goes without it. */
function loadImage(src: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const img = new window.Image()
    img.crossOrigin = 'anonymous'
    img.onload = () => resolve(img)
    img.onerror = () => resolve(null)
    img.src = src
  })
}

function render(qr: HTMLImageElement | null, text: PosterText): string {
  const ratio = 2
  const canvas = document.createElement('canvas')
  canvas.width = POSTER_WIDTH * ratio
  canvas.height = POSTER_HEIGHT * ratio
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas 2d unavailable')
  ctx.scale(ratio, ratio)
  drawPoster(ctx, qr, text)
  return canvas.toDataURL('image/png')
}

/** H5 (index.tsx is the weapp twin): draw the poster in an off-DOM canvas, show it whole, and offer it as a download (to print). */
export default function CodePoster({ brandName, storeName, headline, qrUrl, fileName, tagline = DEFAULT_TAGLINE, label = '生成海报' }: CodePosterProps) {
  const [dataUrl, setDataUrl] = useState('')
  const [failed, setFailed] = useState(false)

  const make = async () => {
    const qr = await loadImage(qrUrl)
    try {
      setDataUrl(render(qr, { brandName, storeName, headline, tagline }))
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  const download = () => {
    const a = document.createElement('a')
    a.href = dataUrl
    a.download = `${fileName}.png`
    a.click()
  }

  return (
    <View className='staff-poster'>
      <Button className='btn btn-ghost staff-poster-button' onClick={make}>
        {label}
      </Button>
      {failed ? <Text className='muted'>海报生成失败，请重试</Text> : null}
      {dataUrl ? (
        <View className='staff-poster-result'>
          <Image className='staff-poster-preview' src={dataUrl} mode='scaleToFill' />
          <Button className='btn btn-primary staff-poster-download' onClick={download}>
            下载海报
          </Button>
        </View>
      ) : null}
    </View>
  )
}
