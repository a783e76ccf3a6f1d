// @qiun/ucharts ships no types; this is the part of its constructor options the trend chart uses.
declare module '@qiun/ucharts/u-charts.min.js' {
  export interface UChartsOptions {
    type: 'line' | 'column' | 'area'
    context: unknown
    width: number
    height: number
    pixelRatio?: number
    categories: string[]
    series: Array<{ name: string; data: number[] }>
    [option: string]: unknown
  }
  export default class UCharts {
    constructor(opts: UChartsOptions)
  }
}
