import { Text, View } from '@tarojs/components'
import type { StoreSummary } from '../../contract'
import './index.scss'

interface StoreCardProps {
  store: StoreSummary
  className?: string
}

export default function StoreCard({ store, className = '' }: StoreCardProps) {
  return (
    <View className={`card store-card ${className}`}>
      <View className='row'>
        <Text className='store-card-name'>{store.name}</Text>
        <Text className='muted'>{store.city}</Text>
      </View>
      <View className='store-card-line'>地址：{store.address}</View>
      <View className='store-card-line'>营业时间：{store.hours}</View>
      {store.phone ? <View className='store-card-line'>电话：{store.phone}</View> : null}
    </View>
  )
}
