import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import PageState, { CallStatus } from '../../components/page-state'
import CityPicker from './city-picker'
import StoreRow from './store-row'
import { useLocated, useNearbyStores, type NearbyQuery } from './use-nearby'
import './index.scss'

/**
 * Journey 5: stores by distance from the shopper (GCJ-02), or, without location, a city picker and
 * that city's stores with a way to allow location later.
 */
export default function Nearby() {
  const { located, regrant } = useLocated()
  // set when the shopper picks "by city" (or a city); null follows the location
  const [byCity, setByCity] = useState<{ city?: string } | null>(null)
  const query: NearbyQuery | null =
    byCity ?? (located === null ? null : located.status === 'located' ? { longitude: located.longitude, latitude: located.latitude } : {})
  const { call, meta, loadingMore, stores, more } = useNearbyStores(query)

  if (located === null) {
    return (
      <View className='page nearby'>
        <PageState kind='loading' title='正在获取你的位置…' className='locating' />
      </View>
    )
  }

  const cityMode = meta?.mode === 'city' || (query !== null && !('longitude' in query))
  const allow = async () => {
    if (await regrant()) setByCity(null)
  }

  return (
    <View className='page nearby'>
      {cityMode ? (
        <View className='card nearby-head nearby-by-city'>
          <View className='row'>
            <Text className='section-title'>按城市查看门店</Text>
            {located.status === 'located' ? (
              <Button className='btn btn-small btn-ghost switch-nearby' onClick={() => setByCity(null)}>
                按距离
              </Button>
            ) : null}
          </View>
          {located.status !== 'located' ? (
            <View className='location-denied'>
              <Text className='muted'>{located.message}，开启定位后可查看离你最近的门店。</Text>
              <Button className='btn btn-small btn-primary grant-location' onClick={allow}>
                开启定位
              </Button>
            </View>
          ) : null}
          <CityPicker cities={meta?.cities ?? []} current={meta?.city ?? null} onPick={(city) => setByCity({ city })} />
        </View>
      ) : (
        <View className='card nearby-head nearby-by-distance'>
          <View className='row'>
            <Text className='section-title'>离你最近的门店</Text>
            <Button className='btn btn-small btn-ghost switch-city' onClick={() => setByCity({})}>
              按城市
            </Button>
          </View>
        </View>
      )}

      {stores.map((s) => (
        <StoreRow key={s.storeId} store={s} />
      ))}
      {!loadingMore ? <CallStatus state={call.state} onRetry={call.reload} loadingText='正在查找门店…' /> : null}
      {meta && stores.length === 0 ? (
        <PageState
          kind='empty'
          title={cityMode ? '这个城市还没有门店' : '附近 50 公里内没有门店'}
          message={cityMode ? '' : '可以按城市查看门店'}
          className='nearby-empty'
        />
      ) : null}
      {meta?.hasMore ? (
        <Button className='btn btn-ghost load-more' loading={loadingMore} disabled={loadingMore || undefined} onClick={more}>
          加载更多
        </Button>
      ) : null}
    </View>
  )
}
