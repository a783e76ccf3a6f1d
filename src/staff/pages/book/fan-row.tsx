import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { chinaDate, yuan } from '../../../components/format'

interface Row {
  memberCode: string
  nickname: string | null
  avatarUrl: string | null
  phoneTail?: string | null
  tags?: string[]
  lastVisitAt: number
  visits?: number
  totalFen?: number
  due?: Array<{ label: string }>
  reasons?: Array<{ label: string }>
}

/** One fan in the book or on the follow-up list; a tap opens the fan's page. */
export default function FanRow({ row }: { row: Row }) {
  const reasons = row.reasons ?? row.due ?? []
  return (
    <View className='card book-row' onClick={() => Taro.navigateTo({ url: `/staff/pages/fan/index?code=${row.memberCode}` })}>
      <View className='row'>
        <View className='book-who'>
          {row.avatarUrl ? <Image className='book-avatar' src={row.avatarUrl} mode='aspectFill' /> : null}
          <Text className='book-name'>{row.nickname ?? row.memberCode}</Text>
          {row.phoneTail ? <Text className='muted book-tail'>尾号 {row.phoneTail}</Text> : null}
        </View>
        <Text className='muted'>{chinaDate(row.lastVisitAt)}</Text>
      </View>
      {row.nickname ? <Text className='muted book-code'>{row.memberCode}</Text> : null}
      {row.visits !== undefined ? (
        <Text className='muted book-meta'>
          到店 {row.visits} 次 · 累计 {yuan(row.totalFen ?? 0)}
        </Text>
      ) : null}
      {row.tags?.length ? (
        <View className='book-tags'>
          {row.tags.map((t) => (
            <Text key={t} className='book-tag'>
              {t}
            </Text>
          ))}
        </View>
      ) : null}
      {reasons.map((r) => (
        <Text key={r.label} className='book-due'>
          {r.label}
        </Text>
      ))}
    </View>
  )
}
