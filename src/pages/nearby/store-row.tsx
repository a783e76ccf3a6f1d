import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { NearbyStore } from '../../contract/nearby'
import { formatDistance } from '../../domain/geo'
import { openMap } from './location'

/** One store: name, distance, open now, address, hours, and the two things a shopper does next. */
export default function StoreRow({ store }: { store: NearbyStore }) {
  const open = store.openNow
  return (
    <View className='card nearby-store' data-store-id={store.storeId}>
      <View className='row'>
        <Text className='store-name'>{store.name}</Text>
        {store.distanceM !== null ? <Text className='store-distance'>{formatDistance(store.distanceM)}</Text> : null}
      </View>
      <View className='store-line store-address'>{store.address}</View>
      <View className='store-line'>
        {open !== null ? <Text className={`store-open ${open ? 'store-open-now' : 'store-closed'}`}>{open ? '营业中' : '已打烊'}</Text> : null}
        <Text className='store-hours'>营业时间 {store.hours}</Text>
      </View>
      <View className='store-actions'>
        <Button
          className='btn btn-small btn-primary store-nav'
          onClick={() => openMap({ name: store.name, address: store.address, longitude: store.longitude, latitude: store.latitude })}
        >
          导航
        </Button>
        {store.phone ? (
          <Button className='btn btn-small btn-ghost store-call' onClick={() => Taro.makePhoneCall({ phoneNumber: store.phone }).catch(() => undefined)}>
            电话
          </Button>
        ) : null}
      </View>
    </View>
  )
}
