import { Button, Text, View } from '@tarojs/components'
import type { StoreAdminRow } from '../../../contract/stores'

interface Props {
  store: StoreAdminRow
  onEdit: (store: StoreAdminRow) => void
}

/** One store as shoppers will see it, and whether they can. */
export default function StoreRow({ store, onEdit }: Props) {
  return (
    <View className={`card store-row ${store.active ? '' : 'store-row-off'}`}>
      <View className='row'>
        <Text className='store-row-name'>{store.name}</Text>
        <Text className={`store-badge ${store.active ? 'store-badge-on' : ''}`}>{store.active ? '营业中' : '已停用'}</Text>
      </View>
      <Text className='muted store-row-line'>
        {store.city} · {store.address}
      </Text>
      <Text className='store-row-line store-row-hours'>营业时间 {store.hours}</Text>
      <Text className='store-row-line store-row-phone'>电话 {store.phone}</Text>
      <Button className='btn btn-ghost btn-small store-edit' onClick={() => onEdit(store)}>
        编辑
      </Button>
    </View>
  )
}
