import { View } from '@tarojs/components'
import { getCurrentInstance } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { callFunction } from '../../../api/client'
import { confirmAction } from '../../../components/confirm'
import { CallStatus } from '../../../components/page-state'
import { useCall } from '../../../hooks/useCall'
import type { CodeFlagView } from '../../../contract/team'
import { memberEditRefusal } from '../../../domain/member-edit'
import CodeFlags from './code-flags'
import TeamInvites from './invites'
import type { MemberRole } from './member-edit'
import MemberRow from './member-row'
import StoreCodeCard from './store-code-card'
import StoreSwitch from './store-switch'
import './index.scss'

/**
 * One store's team: staff codes can be voided, and a leaver's fans handed over (in batches, until none
 * remain). A manager of several stores (a brand manager: all, a store just added included) picks which.
 * A brand manager also moves people between stores and makes them 店长 or 导购.
 */
export default function TeamPage() {
  const session = useCall('session', {})
  const stores = useCall('storeAdmin', {})
  const [picked, setPicked] = useState<string | null>(() => getCurrentInstance().router?.params?.storeId ?? null)
  const own = session.state.status === 'ok' ? (session.state.data.staff?.storeId ?? null) : null
  const storeId = picked ?? own
  const team = useCall('teamList', storeId ? { storeId } : null)
  const code = useCall('storeCode', storeId ? { storeId } : null)
  const [notice, setNotice] = useState('')
  const choices = useMemo(
    () => (stores.state.status === 'ok' ? stores.state.data.stores.filter((s) => s.active).map((s) => ({ storeId: s.storeId, name: s.name })) : []),
    [stores.state]
  )

  if (team.state.status !== 'ok') {
    const state = session.state.status === 'error' ? session.state : team.state
    return (
      <View className='page team'>
        <CallStatus state={state} onRetry={session.state.status === 'error' ? session.reload : team.reload} />
      </View>
    )
  }
  const members = team.state.data.members
  const me = session.state.status === 'ok' ? session.state.data.staff : null
  // the same rule the server applies: only a brand manager, never herself or another brand manager
  const editable = (m: (typeof members)[number]) =>
    me !== null &&
    me.manages !== undefined &&
    memberEditRefusal(me.manages, me.staffId, { staffId: m.staffId, active: m.active, brandWide: m.brandWide === true }) === null
  const roleName = (r: MemberRole) => (r === 'manager' ? '店长' : '导购')

  const pick = (id: string) => {
    setNotice('')
    setPicked(id)
  }
  const revoke = async (m: (typeof members)[number]) => {
    const sure = await confirmAction(
      `作废 ${m.name} 的二维码？`,
      `作废后，${m.name} 已发出的二维码、分享卡片和海报全部失效，顾客再扫不会成为其粉丝；已有粉丝不受影响。请随后重新分享新码。`,
      '作废'
    )
    if (!sure) return
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
    const to = toStaffId ? (members.find((x) => x.staffId === toStaffId)?.name ?? '所选导购') : '门店'
    const sure = await confirmAction(
      `${m.name} 离职？`,
      `将停用 ${m.name} 的账号和全部二维码，其 ${m.fans} 位粉丝转给${to}。停用后不能在这里恢复。`,
      '离职并转移'
    )
    if (!sure) return
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

  const edit = async (m: (typeof members)[number], toStoreId: string, role: MemberRole): Promise<boolean> => {
    const from = choices.find((c) => c.storeId === m.storeId)?.name ?? '原门店'
    const to = choices.find((c) => c.storeId === toStoreId)?.name ?? '所选门店'
    const moves = toStoreId !== m.storeId
    const becomes = role !== m.role ? `，并改为${roleName(role)}` : ''
    const sure = moves
      ? await confirmAction(
          `把 ${m.name} 调到 ${to}？`,
          `${m.name} 将从 ${from} 调到 ${to}${becomes}。其 ${m.fans} 位粉丝仍归 ${m.name}，${from} 已记录的数据不变；${m.name} 已发出的二维码、分享卡片和海报全部失效，调店后请重新分享新码。`,
          '确认调整'
        )
      : await confirmAction(
          `把 ${m.name} 改为${roleName(role)}？`,
          role === 'manager'
            ? `${m.name} 将成为 ${to} 的店长，可查看门店数据、管理门店团队。二维码和粉丝不变。`
            : `${m.name} 将改为 ${to} 的导购，不再管理门店。二维码和粉丝不变。`,
          '确认调整'
        )
    if (!sure) return false
    const res = await callFunction('updateMember', { staffId: m.staffId, storeId: toStoreId, role })
    if (!res.ok) {
      setNotice(res.message)
      return false
    }
    setNotice(moves ? `已把 ${m.name} 调到 ${to}${becomes}，请提醒其重新分享新码` : `已把 ${m.name} 改为${roleName(role)}`)
    team.reload()
    return true
  }

  return (
    <View className='page team'>
      {storeId ? <StoreSwitch stores={choices} current={storeId} onPick={pick} /> : null}
      {code.state.status === 'ok' ? <StoreCodeCard code={code.state.data} /> : <CallStatus state={code.state} onRetry={code.reload} />}
      {notice ? <View className='card team-notice'>{notice}</View> : null}
      <TeamInvites />
      <CodeFlags flags={team.state.data.flags} onReview={review} />
      {members.length === 0 ? <View className='card muted team-empty'>这家门店还没有导购，邀请导购加入后会显示在这里</View> : null}
      {members.map((m) => (
        <MemberRow
          key={m.staffId}
          member={m}
          colleagues={members}
          onRevoke={revoke}
          onHandOver={handOver}
          edit={editable(m) && choices.length > 0 ? { stores: choices, onSave: edit } : undefined}
        />
      ))}
    </View>
  )
}
