import { useMemo, useState } from 'react'
import { getCurrentInstance } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { CallStatus } from '../../../components/page-state'
import { chinaDate, yuan } from '../../../components/format'
import { useCall } from '../../../hooks/useCall'
import FollowUpActions from './follow-up-actions'
import Notes from './notes'
import '../book/index.scss'
import './index.scss'

const ACTION_LABEL = { coupon: '发券', remind: '提醒', done: '完成' } as const

/** One fan's page in the book: only what they consented to show, their history, and the staff's notes. */
export default function Fan() {
  const code = useMemo(() => String(getCurrentInstance().router?.params?.code ?? ''), [])
  const { state, reload, setState } = useCall('fanDetail', code ? { memberCode: code } : null)
  const [message, setMessage] = useState('')
  if (state.status !== 'ok') {
    return (
      <View className='page fan'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const d = state.data
  return (
    <View className='page fan'>
      <View className='card fan-head'>
        <View className='book-who'>
          {d.avatarUrl ? <Image className='book-avatar' src={d.avatarUrl} mode='aspectFill' /> : null}
          <Text className='book-name fan-name'>{d.nickname ?? '（未展示昵称）'}</Text>
        </View>
        <Text className='muted fan-code'>会员码 {d.memberCode}</Text>
        <View className='fan-facts'>
          <Text className='fan-tail'>手机尾号：{d.phoneTail ?? '未展示'}</Text>
          <Text>生日：{d.birthMonth ? `${d.birthMonth} 月` : '未展示'}</Text>
          <Text>
            门店：{d.store} · 导购：{d.ownerStaff ?? '门店'}
          </Text>
          <Text>
            首次到店 {chinaDate(d.firstVisitAt)} · 最近 {chinaDate(d.lastVisitAt)} · 共 {d.visits} 次
          </Text>
        </View>
      </View>
      {message ? <Text className='muted fan-message'>{message}</Text> : null}
      <FollowUpActions
        memberCode={d.memberCode}
        due={d.due}
        reminderConsents={d.reminderConsents}
        templates={d.templates}
        onDone={(m) => {
          setMessage(m)
          reload()
        }}
      />
      <Notes
        memberCode={d.memberCode}
        tags={d.tags}
        notes={d.notes}
        notesNext={d.notesNext}
        onSaved={(s) => setState({ status: 'ok', data: { ...d, ...s } })}
      />
      <View className='card fan-purchases'>
        <View className='section-title'>
          消费 {d.purchases.count} 笔 · {yuan(d.purchases.totalFen)}
        </View>
        {d.purchases.recent.map((p) => (
          <View key={`${p.at}-${p.amountFen}`} className='row'>
            <Text>{chinaDate(p.at)}</Text>
            <Text>{p.store}</Text>
            <Text>{yuan(p.amountFen)}</Text>
          </View>
        ))}
      </View>
      <View className='card fan-coupons'>
        <View className='section-title'>
          优惠券：可用 {d.coupons.held} 张 · 已用 {d.coupons.used} 张
        </View>
        {d.coupons.expiring.map((c) => (
          <Text key={`${c.title}-${c.validUntil}`} className='book-due'>
            {c.title} {chinaDate(c.validUntil)} 到期
          </Text>
        ))}
      </View>
      <View className='card fan-groups'>
        <View className='section-title'>社群</View>
        {d.groups.length ? (
          d.groups.map((g) => <Text key={g.name}>{`${g.name}（${chinaDate(g.joinedAt)} 加入）`}</Text>)
        ) : (
          <Text className='muted'>未加入门店社群</Text>
        )}
      </View>
      {d.followUps.length ? (
        <View className='card fan-history'>
          <View className='section-title'>跟进记录</View>
          {d.followUps.map((f) => (
            <Text key={`${f.at}-${f.reason}`} className='fan-history-row'>
              {`${chinaDate(f.at)} ${f.by} ${ACTION_LABEL[f.action]}${f.note ? `：${f.note}` : ''}`}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
