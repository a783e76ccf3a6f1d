import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'
import UCharts from '@qiun/ucharts/u-charts.min.js'
import { CHART_HEIGHT, chartOptions, type TrendProps } from './options'
import './index.scss'

const CANVAS_ID = 'kpi-trend-canvas'

/** weapp: uCharts on a Canvas 2D node, sized from the laid-out canvas. */
export default function TrendChart(props: TrendProps) {
  const key = JSON.stringify(props)
  useEffect(() => {
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((res) => {
          const hit = res?.[0] as { node?: Taro.Canvas; width?: number } | undefined
          if (!hit?.node || !hit.width) return
          const ratio = Taro.getWindowInfo().pixelRatio || 2
          hit.node.width = hit.width * ratio
          hit.node.height = CHART_HEIGHT * ratio
          new UCharts(chartOptions(props, hit.node.getContext('2d'), hit.width, ratio))
        })
    })
    // Keyed on the values: a re-render with equal numbers in new arrays must not redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return (
    <View className='kpi-trend'>
      <Canvas type='2d' id={CANVAS_ID} className='kpi-trend-canvas' style={{ height: `${CHART_HEIGHT}px` }} />
    </View>
  )
}
