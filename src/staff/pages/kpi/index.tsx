import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { yuan } from '../../../components/format'
import { CallStatus } from '../../../components/page-state'
import { useCall } from '../../../hooks/useCall'
import './index.scss'

type Range = 'today' | '7d' | '30d'
type RankBy = 'newFans' | 'couponsRedeemed' | 'salesFen'
const RANGES: Array<[Range, string]> = [
  ['today', '今日'],
  ['7d', '近7天'],
  ['30d', '近30天']
]
const RANK_BY: Array<[RankBy, string]> = [
  ['newFans', '新粉'],
  ['couponsRedeemed', '核销'],
  ['salesFen', '销售额']
]
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)

/** A staff member's own figures (credited to them by the counters) and where they stand in their store. */
export default function StaffKpi() {
  const [range, setRange] = useState<Range>('7d')
  const [sort, setSort] = useState<RankBy>('newFans')
  const { state, reload } = useCall('staffKpi', { range, sort })
  const tabs = <T extends string>(items: Array<[T, string]>, value: T, set: (v: T) => void, name: string) => (
    <View className={`staff-kpi-tabs ${name}`}>
      {items.map(([k, label]) => (
        <Text key={k} className={`staff-kpi-tab ${value === k ? 'staff-kpi-tab-active' : ''}`} onClick={() => set(k)}>
          {label}
        </Text>
      ))}
    </View>
  )
  if (state.status !== 'ok') {
    return (
      <View className='page staff-kpi'>
        {state.status === 'error' && state.code === 'FORBIDDEN' ? null : tabs(RANGES, range, setRange, 'range-picker')}
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const { staff, totals: t, rank, daily } = state.data
  const top = Math.max(1, ...daily.map((d) => d.newFans))
  return (
    <View className='page staff-kpi'>
      {tabs(RANGES, range, setRange, 'range-picker')}
      <View className='hero staff-kpi-hero'>
        <Text className='hero-title staff-kpi-rank'>
          第 {rank.position} 名 / 共 {rank.of} 人
        </Text>
        <View className='hero-sub'>
          {staff.name} · {staff.storeName} · 按{RANK_BY.find(([k]) => k === rank.sort)?.[1] ?? '新粉'}排名
        </View>
      </View>
      {tabs(RANK_BY, sort, setSort, 'staff-kpi-rank-by')}
      <View className='card staff-kpi-metrics'>
        {[
          ['新粉', t.newFans],
          ['到店人次', t.visits],
          ['核销', t.couponsRedeemed],
          ['销售额', yuan(t.salesFen)],
          ['粉丝首购', t.firstPurchases],
          ['复购率', percent(t.repurchaseRate)]
        ].map(([label, value]) => (
          <View key={label} className='staff-kpi-metric'>
            <Text className='staff-kpi-value'>{value}</Text>
            <Text className='muted'>{label}</Text>
          </View>
        ))}
      </View>
      <View className='card staff-kpi-daily'>
        <View className='section-title'>每日新粉</View>
        {daily.map((d) => (
          <View key={d.dayKey} className='staff-kpi-day'>
            <Text className='staff-kpi-date'>{d.dayKey.slice(5)}</Text>
            <View className='staff-kpi-track'>
              <View className='staff-kpi-bar' style={{ width: `${(d.newFans / top) * 100}%` }} />
            </View>
            <Text className='staff-kpi-count'>{d.newFans}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
