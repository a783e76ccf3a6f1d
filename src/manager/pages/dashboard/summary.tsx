import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../contract'
import { CHANNEL_LABEL, yuan } from '../../../components/format'
import { percent } from '../../../components/leaderboard'

type Totals = OutputOf<'kpiDashboard'>['totals']
type Funnel = OutputOf<'kpiDashboard'>['funnel']

const Metric = ({ label, value, sub, name }: { label: string; value: string | number; sub?: string; name: string }) => (
  <View className={`kpi-metric kpi-metric-${name}`}>
    <Text className='kpi-metric-value'>{value}</Text>
    <Text className='kpi-metric-label'>{label}</Text>
    {sub ? <Text className='kpi-metric-sub'>{sub}</Text> : null}
  </View>
)

/** Headline numbers, with new fans split by the channel that brought them. */
export function Headline({ t }: { t: Totals }) {
  // Sales without any first purchase or repurchase mean the counters do not carry purchase order yet.
  const untracked = t.sales > 0 && t.firstPurchases + t.repurchases === 0
  return (
    <View className='card kpi-headline'>
      <View className='kpi-metrics'>
        <Metric name='new-fans' label='新粉' value={t.newFans} />
        <Metric name='visits' label='到店人次' value={t.visits} />
        <Metric name='group' label='进群' value={t.groupJoins} />
        <Metric name='coupons' label='发券 / 核销' value={`${t.couponsIssued} / ${t.couponsRedeemed}`} />
        <Metric name='sales' label='销售额' value={yuan(t.salesFen)} sub={`${t.sales} 笔`} />
        <Metric
          name='repurchase'
          label='复购率'
          value={untracked ? '未统计' : percent(t.repurchaseRate)}
          sub={`复购 ${t.repurchases} 笔 ${yuan(t.repurchaseFen)}`}
        />
      </View>
      <View className='kpi-channels'>
        {(Object.keys(CHANNEL_LABEL) as Array<keyof typeof CHANNEL_LABEL>).map((c) => (
          <Text key={c} className={`kpi-channel kpi-channel-${c}`}>
            {CHANNEL_LABEL[c]} {t.byChannel[c]}
          </Text>
        ))}
      </View>
    </View>
  )
}

/** Visit → fan → first purchase → repurchase, bars scaled to the largest step. */
export function FunnelCard({ steps }: { steps: Funnel }) {
  const top = Math.max(1, ...steps.map((s) => s.count))
  return (
    <View className='card kpi-funnel'>
      <View className='section-title'>转化漏斗</View>
      {steps.map((s) => (
        <View key={s.step} className={`kpi-funnel-step kpi-funnel-${s.step}`}>
          <Text className='kpi-funnel-label'>{s.label}</Text>
          <View className='kpi-funnel-track'>
            <View className='kpi-funnel-bar' style={{ width: `${Math.max(2, (s.count / top) * 100)}%` }} />
          </View>
          <Text className='kpi-funnel-count'>{s.count}</Text>
          <Text className='kpi-funnel-rate'>{s.conversion === null ? '' : percent(s.conversion)}</Text>
        </View>
      ))}
      <Text className='muted'>统计期内的到店人次、新粉、首购与复购笔数；转化率 = 本步 ÷ 上一步</Text>
    </View>
  )
}
