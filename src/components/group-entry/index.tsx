import Taro from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import type { GroupEntry as GroupEntryData } from '../../contract'
import { groupLastDay } from '../../domain/group-expiry'
import './index.scss'

interface GroupEntryProps {
  group: GroupEntryData
  /** the store whose group page the button opens; without it, the page uses the latest check-in's store */
  storeId?: string
}

/** The store's current group QR (活码). The image previews full screen so a long press can recognise it. */
export default function GroupEntry({ group, storeId }: GroupEntryProps) {
  const open = () => Taro.previewImage({ urls: [group.qrUrl], current: group.qrUrl, showmenu: true })
  // The group page records "I've joined" (and its coupon), which a bare preview cannot.
  const join = () => Taro.navigateTo({ url: `/pages/group/index${storeId ? `?storeId=${storeId}` : ''}` })
  return (
    <View className='card group-entry'>
      <View className='section-title'>门店社群</View>
      <View className='group-entry-body'>
        <Image className='group-entry-qr' src={group.qrUrl} mode='aspectFit' onClick={open} />
        <View className='group-entry-text'>
          <Text className='group-entry-name'>{group.name}</Text>
          <Text className='muted'>新品、活动第一时间通知，二维码有效至 {groupLastDay(group.expiresAt)}</Text>
        </View>
      </View>
      <Button className='btn btn-primary group-entry-join' onClick={join}>
        加入门店社群
      </Button>
    </View>
  )
}
