import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { StoreAdminRow } from '../../../contract/stores'
import PageState, { CallStatus } from '../../../components/page-state'
import { useCall } from '../../../hooks/useCall'
import type { SaveStoreInput } from './draft'
import StoreForm from './store-form'
import StoreRow from './store-row'
import './index.scss'

/** The stores a manager looks after: add one (brand managers), or change its address, location, hours, phone, or close it. */
export default function StoresPage() {
  const { state, reload } = useCall('storeAdmin', {})
  // null: the list; 'new': adding; otherwise the store being edited
  const [editing, setEditing] = useState<StoreAdminRow | 'new' | null>(null)
  const [notice, setNotice] = useState('')

  if (state.status !== 'ok') {
    return (
      <View className='page stores-admin'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const { stores, canCreate } = state.data

  if (editing) {
    const current = editing === 'new' ? null : editing
    const save = async (input: SaveStoreInput): Promise<string | null> => {
      const res = await callFunction('saveStore', input)
      if (!res.ok) return res.message
      setEditing(null)
      setNotice(res.data.created ? `已新增「${res.data.store.name}」，顾客在附近门店中即可看到` : `已保存「${res.data.store.name}」`)
      reload()
      return null
    }
    return (
      <View className='page stores-admin'>
        <StoreForm store={current} onSave={save} onCancel={() => setEditing(null)} canSwitchActive={canCreate} />
      </View>
    )
  }

  return (
    <View className='page stores-admin'>
      {canCreate ? (
        <Button className='btn btn-primary store-new' onClick={() => (setNotice(''), setEditing('new'))}>
          新增门店
        </Button>
      ) : null}
      {notice ? <Text className='store-notice'>{notice}</Text> : null}
      {stores.length === 0 ? <PageState kind='empty' title='还没有门店' className='stores-empty' /> : null}
      {stores.map((s) => (
        <StoreRow key={s.storeId} store={s} onEdit={(store) => (setNotice(''), setEditing(store))} />
      ))}
    </View>
  )
}
