import { useMemo, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import type { InputOf } from '../../../contract'
import { chinaDate } from '../../../components/format'
import Leaderboard, { type LeaderSort } from '../../../components/leaderboard'
import { CallStatus } from '../../../components/page-state'
import TrendChart from '../../../components/trend-chart'
import { useCall } from '../../../hooks/useCall'
import ShareCard from '../groups/share-card'
import CsvExport from './csv-export'
import FollowUpsPanel from './follow-ups'
import RangePicker, { type RangeValue } from './range-picker'
import { FunnelCard, Headline } from './summary'
import './index.scss'

const DAY_MS = 24 * 3600_000

export default function Dashboard() {
  const today = chinaDate(Date.now())
  const [range, setRange] = useState<RangeValue>({ range: '7d', from: chinaDate(Date.now() - 6 * DAY_MS), to: today })
  const [storeId, setStoreId] = useState<string | undefined>(undefined)
  const [sort, setSort] = useState<LeaderSort>('newFans')
  const query = useMemo(
    () => ({ range: range.range, ...(range.range === 'custom' ? { from: range.from, to: range.to } : {}), ...(storeId ? { storeId } : {}) }),
    [range, storeId]
  )
  const input: InputOf<'kpiDashboard'> = useMemo(() => ({ ...query, sort, limit: 20 }), [query, sort])
  const { state, reload } = useCall('kpiDashboard', input)
  if (state.status === 'error' && state.code === 'FORBIDDEN') {
    return (
      <View className='page dashboard'>
        <CallStatus state={state} />
      </View>
    )
  }
  const data = state.status === 'ok' ? state.data : null
  const stores = data?.stores ?? []
  const storeNames = ['全部门店', ...stores.map((s) => s.name)]
  const storeIndex = storeId ? stores.findIndex((s) => s.storeId === storeId) + 1 : 0
  return (
    <View className='page dashboard'>
      <RangePicker value={range} today={today} onChange={setRange} />
      {stores.length > 1 || storeId ? (
        <Picker
          mode='selector'
          range={storeNames}
          value={storeIndex}
          onChange={(e) => setStoreId(Number(e.detail.value) === 0 ? undefined : stores[Number(e.detail.value) - 1]?.storeId)}
        >
          <View className='card dashboard-store'>
            <Text>门店：{storeNames[storeIndex] ?? '全部门店'}</Text>
            <Text className='muted'>切换 ›</Text>
          </View>
        </Picker>
      ) : null}
      {!data ? (
        <CallStatus state={state} onRetry={reload} />
      ) : (
        <View className='dashboard-body'>
          <Text className='muted dashboard-range'>
            {data.range.from} 至 {data.range.to}（北京时间，共 {data.range.days} 天）
          </Text>
          <Headline t={data.totals} />
          <ShareCard share={data.groupShare} stores={data.storeId || stores.length === 1 ? 'one' : 'many'} ranged />
          <FunnelCard steps={data.funnel} />
          <View className='card'>
            <View className='section-title'>每日趋势</View>
            <TrendChart
              categories={data.daily.map((d) => d.dayKey.slice(5))}
              series={[
                { name: '新粉', data: data.daily.map((d) => d.newFans) },
                { name: '到店', data: data.daily.map((d) => d.visits) },
                { name: '核销', data: data.daily.map((d) => d.couponsRedeemed) }
              ]}
            />
          </View>
          <View className='card'>
            <View className='section-title'>导购排行</View>
            <Leaderboard rows={data.leaderboard.rows} sort={sort} onSort={setSort} showStore={stores.length > 1} total={data.leaderboard.staffCount} />
          </View>
          <FollowUpsPanel storeId={storeId} />
          <CsvExport query={{ ...query, sort }} />
        </View>
      )}
    </View>
  )
}
