import { useEffect, useRef } from 'react'
import { View } from '@tarojs/components'
import UCharts from '@qiun/ucharts/u-charts.min.js'
import { CHART_HEIGHT, chartOptions, type TrendProps } from './options'
import './index.scss'

/** H5: uCharts on a plain canvas element, drawn at the device pixel ratio and shown at CSS size. */
export default function TrendChart(props: TrendProps) {
  const canvas = useRef<HTMLCanvasElement | null>(null)
  const key = JSON.stringify(props)
  useEffect(() => {
    const el = canvas.current
    const ctx = el?.getContext('2d')
    if (!el || !ctx) return
    const width = el.clientWidth || 320
    const ratio = window.devicePixelRatio || 1
    el.width = width * ratio
    el.height = CHART_HEIGHT * ratio
    new UCharts(chartOptions(props, ctx, width, ratio))
    // Keyed on the values: a re-render with equal numbers in new arrays must not redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return (
    <View className='kpi-trend'>
      <canvas ref={canvas} className='kpi-trend-canvas' style={{ width: '100%', height: `${CHART_HEIGHT}px` }} />
    </View>
  )
}
