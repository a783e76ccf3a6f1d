import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { callFunction } from '../../../api/client'
import { CallStatus } from '../../../components/page-state'
import { useCall } from '../../../hooks/useCall'
import type { CodeFlagView } from '../../../contract/team'
import CodeFlags from './code-flags'
import TeamInvites from './invites'
import MemberRow from './member-row'
import './index.scss'

/** The store's team: staff codes can be voided, and a leaver's fans handed over (in batches, until none remain). */
export default function TeamPage() {
  const team = useCall('teamList', {})
  const storeId = team.state.status === 'ok' ? (team.state.data.members[0]?.storeId ?? null) : null
  const code = useCall('storeCode', storeId ? { storeId } : null)
  const [notice, setNotice] = useState('')

  if (team.state.status !== 'ok') {
    return (
      <View className='page team'>
        <CallStatus state={team.state} onRetry={team.reload} />
      </View>
    )
  }
  const members = team.state.data.members

  const revoke = async (m: (typeof members)[number]) => {
    const res = await callFunction('revokeStaffCode', { staffId: m.staffId })
    setNotice(res.ok ? `${m.name} 的旧二维码已作废，请重新分享新码` : res.message)
  }
  const review = async (flag: CodeFlagView, decision: 'approve' | 'reject') => {
    const res = await callFunction('reviewCodeFlag', { flagId: flag.flagId, decision })
    if (!res.ok) return setNotice(res.message)
    setNotice(decision === 'approve' ? `已将 ${res.data.moved} 位粉丝计入 ${flag.staffName}` : `${flag.staffName} 的异常新粉留在门店`)
    team.reload()
  }
  const handOver = async (m: (typeof members)[number], toStaffId: string | null) => {
    const sure = await Taro.showModal({ title: '确认离职', content: `停用 ${m.name} 并转移其全部粉丝？` })
    if (!sure.confirm) return
    let moved = 0
    let deactivate = true
    for (;;) {
      const res = await callFunction('transferFans', { fromStaffId: m.staffId, toStaffId, deactivate })
      if (!res.ok) return setNotice(res.message)
      moved += res.data.moved
      deactivate = false
      if (res.data.remaining === 0 || res.data.moved === 0) break
    }
    setNotice(`已转移 ${moved} 位粉丝`)
    team.reload()
  }

  return (
    <View className='page team'>
      {code.state.status === 'ok' ? (
        <View className='card team-store-code'>
          <View className='section-title'>{code.state.data.storeName} 门店码</View>
          <Image className='team-qr' src={code.state.data.qrUrl} mode='scaleToFill' />
          <Text className='muted'>打印后放在收银台，顾客扫码即成为门店粉丝</Text>
        </View>
      ) : null}
      {notice ? <View className='card team-notice'>{notice}</View> : null}
      <TeamInvites />
      <CodeFlags flags={team.state.data.flags} onReview={review} />
      {members.map((m) => (
        <MemberRow key={m.staffId} member={m} colleagues={members} onRevoke={revoke} onHandOver={handOver} />
      ))}
    </View>
  )
}
