import { Text, View } from '@tarojs/components'
import type { AttributionPolicy } from '../../contract'
import './index.scss'

const days = (n: number | null, none: string) => (n === null ? none : `${n} 天`)

/** The brand's attribution policy in words, for a store manager: only a brand manager may change it. */
export default function PolicySummary({ value }: { value: AttributionPolicy }) {
  const lines = [
    value.mode === 'first' ? '首次归属（先到先得）' : '最近归属（最后扫码者）',
    value.mode === 'first' ? `保护期：${days(value.protectionDays, '永久归属首个导购')}` : `改绑窗口：${days(value.windowDays, '不限')}`,
    `绑定有效期：${days(value.validityDays, '永久')}`,
    value.newFansOnly ? '仅绑定品牌新粉' : '老粉也可绑定'
  ]
  return (
    <View className='card policy-form policy-readonly'>
      <View className='section-title'>导购归属规则</View>
      {lines.map((l) => (
        <Text key={l} className='policy-line'>
          {l}
        </Text>
      ))}
      <Text className='muted policy-note'>归属规则由品牌统一设置，如需调整请联系品牌运营</Text>
    </View>
  )
}
