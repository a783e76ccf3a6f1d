import type { UChartsOptions } from '@qiun/ucharts/u-charts.min.js'

export interface TrendSeries {
  name: string
  data: number[]
}

export interface TrendProps {
  /** x-axis labels, one per day */
  categories: string[]
  series: TrendSeries[]
}

export const CHART_HEIGHT = 220
const COLORS = ['#07c160', '#1890ff', '#ff7a1a', '#9a60b4']

/**
 * One line-chart configuration for both platforms. uCharts works in device pixels: sizes are passed
 * multiplied by the pixel ratio and it scales fonts and lines by the same ratio. No animation: the
 * chart is redrawn whenever the range changes, and a screenshot must show the final frame.
 */
export function chartOptions(props: TrendProps, context: unknown, width: number, pixelRatio: number): UChartsOptions {
  return {
    type: 'line',
    context,
    width: width * pixelRatio,
    height: CHART_HEIGHT * pixelRatio,
    pixelRatio,
    categories: props.categories,
    series: props.series,
    color: COLORS,
    animation: false,
    background: '#FFFFFF',
    padding: [12, 12, 4, 4],
    fontSize: 10,
    dataLabel: false,
    dataPointShape: props.categories.length <= 14,
    legend: { show: true, position: 'top', float: 'left' },
    xAxis: { disableGrid: true, labelCount: Math.min(6, props.categories.length), fontSize: 10 },
    yAxis: { gridType: 'dash', dashLength: 2, data: [{ min: 0 }] },
    extra: { line: { type: 'straight', width: 2 } }
  }
}
