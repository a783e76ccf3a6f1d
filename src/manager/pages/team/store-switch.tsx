import { Picker, Text, View } from '@tarojs/components'

interface Props {
  stores: Array<{ storeId: string; name: string }>
  current: string
  onPick: (storeId: string) => void
}

/** The store whose team and code the page shows: only for a manager of more than one store. */
export default function StoreSwitch({ stores, current, onPick }: Props) {
  if (stores.length < 2) return null
  const index = Math.max(
    0,
    stores.findIndex((s) => s.storeId === current)
  )
  return (
    <Picker mode='selector' range={stores.map((s) => s.name)} value={index} onChange={(e) => onPick(stores[Number(e.detail.value)]?.storeId ?? current)}>
      <View className='card row-between team-store-switch'>
        <Text>门店：{stores[index]?.name}</Text>
        <Text className='muted'>切换 ›</Text>
      </View>
    </Picker>
  )
}
