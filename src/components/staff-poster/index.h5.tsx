import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH } from './draw'
import type { StaffPosterProps } from './index'
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

function render(qr: HTMLImageElement | null, props: Required<StaffPosterProps>): string {
  const ratio = 2
  const canvas = document.createElement('canvas')
  canvas.width = POSTER_WIDTH * ratio
  canvas.height = POSTER_HEIGHT * ratio
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas 2d unavailable')
  ctx.scale(ratio, ratio)
  drawPoster(ctx, qr, props)
  return canvas.toDataURL('image/png')
}

/** H5: draw the poster in an off-DOM canvas, show it, and offer it as a download. */
export default function StaffPoster({ storeName, staffName, qrUrl, tagline = '扫码成为门店粉丝，领取到店好礼' }: StaffPosterProps) {
  const [dataUrl, setDataUrl] = useState('')
  const [failed, setFailed] = useState(false)

  const make = async () => {
    const props = { storeName, staffName, qrUrl, tagline }
    const qr = await loadImage(qrUrl)
    try {
      setDataUrl(render(qr, props))
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  const download = () => {
    const a = document.createElement('a')
    a.href = dataUrl
    a.download = `fanloop-海报-${staffName}.png`
    a.click()
  }

  return (
    <View className='staff-poster'>
      <Button className='btn btn-ghost staff-poster-button' onClick={make}>
        生成海报
      </Button>
      {failed ? <Text className='muted'>海报生成失败，请重试</Text> : null}
      {dataUrl ? (
        <View className='staff-poster-result'>
          <Image className='staff-poster-preview' src={dataUrl} mode='widthFix' />
          <Button className='btn btn-primary staff-poster-download' onClick={download}>
            下载海报
          </Button>
        </View>
      ) : null}
    </View>
  )
}
