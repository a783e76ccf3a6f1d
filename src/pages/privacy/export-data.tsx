import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { callFunction } from '../../api/client'
import type { MyData } from '../../contract/privacy'
import { chinaDate } from '../../components/format'
import { DELIVER_LABEL, deliverJson } from './deliver'
import './actions.scss'

type Listed = { total: number; truncated: boolean }
const more = (l: Listed) => (l.truncated ? `（导出最近的部分）` : '')

/** What the export holds, in a few lines; the file (or the copied JSON) holds every field. */
function Summary({ d }: { d: MyData }) {
  const lines = [
    d.fan ? `会员码 ${d.fan.memberCode}，${chinaDate(d.fan.createdAt)} 在${d.fan.firstStore}成为粉丝` : '没有粉丝档案',
    d.staff ? `员工身份：${d.staff.name} · ${d.staff.store}（删除数据不会删除员工身份）` : null,
    `到店 ${d.visits.total} 次${more(d.visits)}`,
    `优惠券 ${d.coupons.total} 张${more(d.coupons)}，核销 ${d.redemptions.total} 次`,
    `消费 ${d.sales.total} 笔${more(d.sales)}`,
    `导购归属变化 ${d.bindingEvents.total} 次`,
    `加入社群 ${d.groupJoins.total} 个，在微信群打开卡片 ${d.groupSightings.total} 次`,
    `手机号：${d.phoneBound ? '已绑定（只存哈希值）' : '未绑定'}；优惠提醒可再收 ${d.reminderConsents} 次`
  ].filter((l): l is string => l !== null)
  return (
    <View className='privacy-summary'>
      {lines.map((l) => (
        <Text key={l} className='privacy-summary-line'>
          {l}
        </Text>
      ))}
    </View>
  )
}

/** 导出我的数据: ask the myData function, show a summary, and hand over the JSON (download on H5, copy on weapp). */
export default function ExportData({ autoStart = false }: { autoStart?: boolean }) {
  const [data, setData] = useState<MyData | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')
  const load = async () => {
    setBusy(true)
    const res = await callFunction('myData', {})
    setBusy(false)
    if (!res.ok) return setNotice(res.message)
    setData(res.data)
    setNotice('')
  }
  useEffect(() => {
    if (autoStart) void load()
  }, [autoStart])
  const deliver = async () => {
    if (!data) return
    const day = chinaDate(data.exportedAt)
    // the readable copy (Chinese labels, China-time dates) is what a person keeps; the raw one only if it is missing
    setNotice(await deliverJson(JSON.stringify(data.readable ?? data, null, 2), `我的数据-${day}.json`).catch(() => '没能导出，请重试'))
  }
  return (
    <View className='card privacy-export'>
      <View className='section-title'>导出我的数据</View>
      <Text className='muted'>我们保存的关于您的全部记录，整理成一份文件（时间为北京时间）。</Text>
      {data ? <Summary d={data} /> : null}
      {data ? (
        <Button className='btn btn-primary privacy-deliver' onClick={deliver}>
          {DELIVER_LABEL}
        </Button>
      ) : (
        <Button className='btn btn-ghost privacy-export-start' loading={busy} disabled={busy || undefined} onClick={load}>
          导出我的数据
        </Button>
      )}
      {notice ? <Text className='muted privacy-notice'>{notice}</Text> : null}
    </View>
  )
}
