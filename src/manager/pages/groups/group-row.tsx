import { Button, Image, Text, View } from '@tarojs/components'
import type { GroupRow as Row } from '../../../contract/groups'
import { groupLastDay } from '../../../domain/group-expiry'

interface Props {
  group: Row
  onMarkFull: (group: Row, full: boolean) => void
}

/** One group code: members against capacity (our join count, so an estimate), days left, full or not. */
export default function GroupRow({ group, onMarkFull }: Props) {
  const state = group.full ? '已满' : group.usable ? '使用中' : group.daysLeft === 0 ? '已过期' : '已达上限'
  return (
    <View className={`card group-row ${group.usable ? '' : 'group-row-off'}`}>
      <View className='group-row-main'>
        <Image className='group-row-qr' src={group.qrUrl} mode='aspectFit' />
        <View className='group-row-text'>
          <View className='row'>
            <Text className='group-row-name'>{group.name}</Text>
            <Text className={`group-row-state ${group.usable ? 'group-row-live' : ''}`}>{state}</Text>
          </View>
          <Text className='group-members'>
            成员 {group.members} / {group.capacity}（约 {Math.round(group.fill * 100)}%）
          </Text>
          <Text className='group-days-left'>{group.daysLeft > 0 ? `剩 ${group.daysLeft} 天（有效至 ${groupLastDay(group.expiresAt)}）` : '二维码已过期'}</Text>
          {group.linked ? <Text className='muted'>已关联微信群</Text> : null}
        </View>
      </View>
      <Button className='btn btn-ghost btn-small group-mark-full' onClick={() => onMarkFull(group, !group.full)}>
        {group.full ? '取消已满' : '标记已满'}
      </Button>
    </View>
  )
}
