import { Text, View } from '@tarojs/components'
import { useCall } from '../../hooks/useCall'
import { CallStatus } from '../../components/page-state'
import { chinaDateTime, yuan } from '../../components/format'

const SOURCE_LABEL = { staff: '门店消费', coupon: '用券消费', pos: '收银台' } as const

/** The shopper's own purchases, newest first. */
export default function Purchases() {
  const { state, reload } = useCall('purchaseHistory', {})
  return (
    <View className='card me-purchases'>
      <View className='section-title'>消费记录</View>
      {state.status !== 'ok' ? (
        <CallStatus state={state} onRetry={reload} />
      ) : state.data.rows.length === 0 ? (
        <Text className='muted purchase-empty'>还没有消费记录</Text>
      ) : (
        <View>
          <Text className='muted'>
            共 {state.data.purchases} 笔{state.data.purchases > state.data.rows.length ? `，显示最近 ${state.data.rows.length} 笔` : ''}
          </Text>
          {state.data.rows.map((r) => (
            <View className='purchase-row' key={r.saleId}>
              <View className='purchase-main'>
                <Text className='purchase-amount'>{yuan(r.amountFen)}</Text>
                <Text className='muted'>
                  {r.storeName} · {SOURCE_LABEL[r.source]}
                </Text>
              </View>
              <Text className='muted purchase-at'>{chinaDateTime(r.at)}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
