import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { OutputOf } from '../../../contract'
import { useCall } from '../../../hooks/useCall'
import PageState, { CallStatus } from '../../../components/page-state'
import { CHANNEL_LABEL, chinaDate, chinaDateTime } from '../../../components/format'
import './index.scss'

type Fan = OutputOf<'myFans'>['fans'][number]
const PAGE_SIZE = 20

export default function MyFans() {
  const first = useCall('myFans', { limit: PAGE_SIZE })
  // Later pages are appended here; a reload of the first page (e.g. another persona) starts over.
  const [more, setMore] = useState<{ fans: Fan[]; nextCursor: string | null } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState('')
  useEffect(() => setMore(null), [first.state])

  if (first.state.status !== 'ok') {
    return (
      <View className='page fans'>
        <CallStatus state={first.state} onRetry={first.reload} />
      </View>
    )
  }
  const { total } = first.state.data
  const fans = [...first.state.data.fans, ...(more?.fans ?? [])]
  // paged on (boundAt, member code): fans handed over in one batch share a boundAt
  const nextCursor = more ? more.nextCursor : first.state.data.nextCursor

  const loadMore = async () => {
    if (nextCursor === null || loadingMore) return
    setLoadingMore(true)
    const res = await callFunction('myFans', { cursor: nextCursor, limit: PAGE_SIZE })
    setLoadingMore(false)
    if (!res.ok) return setMoreError(res.message)
    setMoreError('')
    setMore({ fans: [...(more?.fans ?? []), ...res.data.fans], nextCursor: res.data.nextCursor })
  }

  return (
    <View className='page fans'>
      <View className='hero fans-hero'>
        <Text className='hero-title fans-total'>{total}</Text>
        <View className='hero-sub'>我的粉丝</View>
      </View>
      {fans.length === 0 ? <PageState kind='empty' title='还没有粉丝' message='把您的导购码分享给顾客吧' className='fans-empty' /> : null}
      {fans.map((f) => (
        <View key={`${f.memberCode}-${f.since}`} className='card fan-row'>
          <View className='row'>
            <Text className='fan-code'>{f.memberCode}</Text>
            <Text className='fan-channel'>{CHANNEL_LABEL[f.channel]}</Text>
          </View>
          <View className='fan-meta'>
            <Text>成为粉丝 {chinaDate(f.since)}</Text>
            <Text>到店 {f.visits} 次</Text>
          </View>
          <Text className='muted'>最近到店 {chinaDateTime(f.lastVisitAt)}</Text>
        </View>
      ))}
      {moreError ? <Text className='muted fans-more-error'>{moreError}</Text> : null}
      {nextCursor !== null ? (
        <Button className='btn btn-ghost fans-more' loading={loadingMore} disabled={loadingMore || undefined} onClick={loadMore}>
          加载更多
        </Button>
      ) : fans.length > 0 ? (
        <Text className='muted fans-end'>已经到底了</Text>
      ) : null}
    </View>
  )
}
