import { Button, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'

export type MemberRole = 'staff' | 'manager'

export interface StoreChoice {
  storeId: string
  name: string
}

interface MemberEditProps {
  storeId: string
  role: MemberRole
  stores: StoreChoice[]
  /** resolves true once saved (or false when the manager cancelled or it was refused), to close the panel */
  onSave: (storeId: string, role: MemberRole) => Promise<boolean>
}

const ROLES: Array<{ role: MemberRole; label: string }> = [
  { role: 'staff', label: '导购' },
  { role: 'manager', label: '店长' }
]

/** 调整门店/角色: a store picker and 导购/店长, folded away until asked for. The page confirms before saving. */
export default function MemberEdit({ storeId, role, stores, onSave }: MemberEditProps) {
  const [open, setOpen] = useState(false)
  const [store, setStore] = useState(() =>
    Math.max(
      0,
      stores.findIndex((s) => s.storeId === storeId)
    )
  )
  const [picked, setPicked] = useState<MemberRole>(role)
  if (!open)
    return (
      <Button className='btn btn-small team-edit' onClick={() => setOpen(true)}>
        调整门店/角色
      </Button>
    )
  const target = stores[store]
  const same = !target || (target.storeId === storeId && picked === role)
  const save = async () => {
    if (!target || same) return
    if (await onSave(target.storeId, picked)) setOpen(false)
  }
  return (
    <View className='team-edit-panel'>
      <Picker mode='selector' range={stores.map((s) => s.name)} value={store} onChange={(e) => setStore(Number(e.detail.value))}>
        <View className='team-target team-edit-store'>门店：{target?.name ?? '—'} ›</View>
      </Picker>
      <View className='team-edit-roles'>
        {ROLES.map((r) => (
          <Text key={r.role} className={`team-edit-role ${picked === r.role ? 'team-edit-role-on' : ''}`} onClick={() => setPicked(r.role)}>
            {r.label}
          </Text>
        ))}
      </View>
      <View className='team-actions'>
        <Button className='btn btn-small btn-primary team-edit-save' disabled={same} onClick={() => void save()}>
          保存调整
        </Button>
        <Button className='btn btn-small team-edit-cancel' onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
    </View>
  )
}
