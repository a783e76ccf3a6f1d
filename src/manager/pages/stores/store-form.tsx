import { useState, type ReactNode } from 'react'
import { Button, Input, Switch, Text, View } from '@tarojs/components'
import type { StoreAdminRow } from '../../../contract/stores'
import { fromDraft, toDraft, type Draft, type SaveStoreInput } from './draft'
import LocationField from './location-field'

interface Props {
  /** null: a new store */
  store: StoreAdminRow | null
  /** resolves to an error message, or null when saved */
  onSave: (input: SaveStoreInput) => Promise<string | null>
  onCancel: () => void
  /** brand managers only: opening or closing a store is a brand decision */
  canSwitchActive: boolean
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='store-field'>
      <Text className='store-label'>{label}</Text>
      {children}
    </View>
  )
}

/** Add or edit one store: what shoppers see on the nearby page, and where the store is on the map. */
export default function StoreForm({ store, onSave, onCancel, canSwitchActive }: Props) {
  const [d, setD] = useState<Draft>(() => toDraft(store))
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  // Typing again clears the last complaint, so it never describes a form that has since been fixed.
  const put = (patch: Partial<Draft>) => {
    setD((prev) => ({ ...prev, ...patch }))
    setNote('')
  }
  const text = (key: 'name' | 'city' | 'address' | 'hours' | 'phone', placeholder: string, maxlength: number) => (
    <Input
      className={`store-input store-${key}`}
      value={d[key]}
      placeholder={placeholder}
      maxlength={maxlength}
      onInput={(e) => put({ [key]: e.detail.value })}
    />
  )

  const save = async () => {
    const input = fromDraft(d, store)
    if (typeof input === 'string') return setNote(input)
    setSaving(true)
    const error = await onSave(input)
    setSaving(false)
    setNote(error ?? '')
  }

  return (
    <View className='card store-form'>
      <View className='section-title'>{store ? `编辑「${store.name}」` : '新增门店'}</View>
      <Field label='门店名称'>{text('name', '如 静安寺店', 30)}</Field>
      <Field label='城市'>{text('city', '如 上海', 20)}</Field>
      <Field label='地址'>{text('address', '如 上海市静安区南京西路1618号', 100)}</Field>
      <LocationField draft={d} onChange={put} onError={setNote} />
      <Field label='营业时间'>
        {text('hours', '如 10:00-22:00', 40)}
        <Text className='muted'>多段用逗号分隔，如 10:00-14:00,17:00-22:00；跨夜如 22:00-02:00</Text>
      </Field>
      <Field label='电话'>{text('phone', '如 021-62881618', 20)}</Field>
      {store && canSwitchActive ? (
        <View className='row store-active-row'>
          <Text>营业中（关闭后顾客看不到这家店，门店码和导购码也不能签到）</Text>
          <Switch className='store-active' checked={d.active} color='#07c160' onChange={(e) => put({ active: e.detail.value })} />
        </View>
      ) : null}
      {note ? <Text className='store-note'>{note}</Text> : null}
      <Button className='btn btn-primary store-save' loading={saving || undefined} disabled={saving || undefined} onClick={save}>
        保存
      </Button>
      <Button className='btn btn-ghost store-cancel' onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}
