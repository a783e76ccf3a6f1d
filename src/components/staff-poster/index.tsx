import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Canvas, View } from '@tarojs/components'
import { DEFAULT_TAGLINE, drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type CodePosterProps } from './draw'
import './index.scss'

const CANVAS_ID = 'code-poster-canvas'

function canvasNode(): Promise<Taro.Canvas> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res) => (res?.[0]?.node ? resolve(res[0].node as Taro.Canvas) : reject(new Error('canvas not found'))))
  })
}

/** Canvas 2D draws only local files: a cloud fileID is downloaded, an https URL fetched through getImageInfo. */
async function localImagePath(url: string): Promise<string> {
  if (url.startsWith('cloud://')) return (await Taro.cloud.downloadFile({ fileID: url })).tempFilePath
  return (await Taro.getImageInfo({ src: url })).path
}

function loadImage(canvas: Taro.Canvas, src: string): Promise<CanvasImageSource | null> {
  return new Promise((resolve) => {
    const img = canvas.createImage()
    img.onload = () => resolve(img as unknown as CanvasImageSource)
    img.onerror = () => resolve(null)
    img.src = src
  })
}

/** weapp (index.h5.tsx is the H5 twin): draw the poster off screen, then save it to the photo album (to print or send). */
export default function CodePoster({ brandName, storeName, headline, qrUrl, tagline = DEFAULT_TAGLINE, label = '生成海报' }: CodePosterProps) {
  const [busy, setBusy] = useState(false)

  const make = async () => {
    setBusy(true)
    try {
      const canvas = await canvasNode()
      const ratio = Taro.getWindowInfo().pixelRatio || 2
      canvas.width = POSTER_WIDTH * ratio
      canvas.height = POSTER_HEIGHT * ratio
      const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D
      ctx.scale(ratio, ratio)
      const qr = await loadImage(canvas, await localImagePath(qrUrl).catch(() => ''))
      drawPoster(ctx, qr, { brandName, storeName, headline, tagline })
      const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas })
      await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
      Taro.showToast({ title: '海报已保存到相册', icon: 'success' })
    } catch (err) {
      const denied = /auth|deny|denied/i.test(String((err as { errMsg?: string })?.errMsg ?? err))
      if (denied) {
        const { confirm } = await Taro.showModal({ title: '需要相册权限', content: '请在设置中允许保存到相册后重试', confirmText: '去设置' })
        if (confirm) Taro.openSetting()
      } else {
        Taro.showToast({ title: '海报生成失败，请重试', icon: 'none' })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='staff-poster'>
      <Canvas type='2d' id={CANVAS_ID} className='staff-poster-canvas' />
      <Button className='btn btn-ghost staff-poster-button' loading={busy} disabled={busy || undefined} onClick={make}>
        {label}
      </Button>
    </View>
  )
}
