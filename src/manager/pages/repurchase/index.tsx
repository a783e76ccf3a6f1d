import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useCall } from '../../../hooks/useCall'
import { callFunction } from '../../../api/client'
import { CallStatus } from '../../../components/page-state'
import { yuan } from '../../../components/format'
import './index.scss'

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)
const when = (on: boolean): true | undefined => (on ? true : undefined)

export default function Repurchase() {
  const [cohort, setCohort] = useState<'week' | 'month'>('month')
  const { state, reload } = useCall('repurchaseStats', { cohort })
  const [winBack, setWinBack] = useState('')
  const [busy, setBusy] = useState(false)

  const runWinBack = async (dryRun: boolean) => {
    setBusy(true)
    const res = await callFunction('runWinBack', { dryRun })
    setBusy(false)
    if (!res.ok) return setWinBack(res.message)
    const r = res.data
    setWinBack(dryRun ? `${r.lapsed} 位粉丝超过 ${r.lapseDays} 天未再消费` : `已发券 ${r.issued} 张（此前已发 ${r.alreadyIssued}），提醒 ${r.messaged} 人`)
  }

  if (state.status !== 'ok') {
    return (
      <View className='page repurchase'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const s = state.data
  return (
    <View className='page repurchase'>
      <View className='card repurchase-head'>
        <View className='section-title'>复购分析</View>
        <View className='repurchase-figures'>
          <View className='repurchase-figure'>
            <Text className='repurchase-value repurchase-rate'>{percent(s.repurchaseRate)}</Text>
            <Text className='muted'>
              复购率（{s.repurchasers}/{s.fans} 位购买粉丝）
            </Text>
          </View>
          <View className='repurchase-figure'>
            <Text className='repurchase-value repurchase-sales'>{s.sales}</Text>
            <Text className='muted'>消费笔数（{yuan(s.salesFen)}）</Text>
          </View>
          <View className='repurchase-figure'>
            <Text className='repurchase-value repurchase-count'>{s.repurchases}</Text>
            <Text className='muted'>复购笔数（{yuan(s.repurchaseFen)}）</Text>
          </View>
          <View className='repurchase-figure'>
            <Text className='repurchase-value'>{s.medianDaysToSecond ?? '—'}</Text>
            <Text className='muted'>二购中位天数</Text>
          </View>
        </View>
        {s.truncated ? <Text className='muted'>消费记录过多，仅统计了最早的部分</Text> : null}
      </View>
      <View className='card'>
        <View className='row'>
          <Text className='section-title'>按首购{cohort === 'week' ? '周' : '月'}分组</Text>
          <Button className='btn btn-ghost btn-small cohort-toggle' onClick={() => setCohort(cohort === 'week' ? 'month' : 'week')}>
            按{cohort === 'week' ? '月' : '周'}
          </Button>
        </View>
        <View className='cohort-row cohort-header muted'>
          <Text>首购</Text>
          <Text>粉丝</Text>
          <Text>30天</Text>
          <Text>60天</Text>
          <Text>90天</Text>
        </View>
        {s.cohorts.map((c) => (
          <View className='cohort-row' key={c.cohort}>
            <Text>{c.cohort}</Text>
            <Text>{c.fans}</Text>
            <Text>{percent(c.rate30)}</Text>
            <Text>{percent(c.rate60)}</Text>
            <Text>{percent(c.rate90)}</Text>
          </View>
        ))}
        {s.cohorts.length === 0 ? <Text className='muted'>还没有消费记录</Text> : null}
        <Text className='muted'>窗口未满的粉丝不计入该窗口的复购率</Text>
      </View>
      <View className='card'>
        <View className='section-title'>导购业绩（专属 / 接待）</View>
        {s.staff.map((c) => (
          <View className='cohort-row staff-credit' key={`${c.role}:${c.staffId}`}>
            <Text>{c.name}</Text>
            <Text>{c.role === 'owner' ? '专属' : '接待'}</Text>
            <Text>{c.sales} 笔</Text>
            <Text>{yuan(c.salesFen)}</Text>
            <Text>复购 {c.repurchases}</Text>
          </View>
        ))}
      </View>
      <View className='card winback'>
        <View className='section-title'>召回</View>
        <Text className='muted'>每天定时运行；也可以现在运行（每次流失只发一张召回券）</Text>
        <View className='row'>
          <Button className='btn btn-ghost btn-small winback-preview' disabled={when(busy)} onClick={() => runWinBack(true)}>
            预览
          </Button>
          <Button className='btn btn-primary btn-small winback-run' disabled={when(busy)} onClick={() => runWinBack(false)}>
            立即运行
          </Button>
        </View>
        {winBack ? <Text className='winback-result'>{winBack}</Text> : null}
      </View>
    </View>
  )
}
