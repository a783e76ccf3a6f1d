import { useState } from 'react'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import { defaultGroupValidUntil } from '../../../domain/group-expiry'
import { pickGroupImage, type PickedImage } from './pick-image'

interface Props {
  storeId: string
  /** the China day today, the earliest valid-until */
  today: string
  onSaved: (message: string) => void
}

/** Upload a new group QR: image, the last day WeChat shows on it, and the group's capacity. */
export default function CodeForm({ storeId, today, onSaved }: Props) {
  const [name, setName] = useState('')
  // a WeChat group QR lasts 7 days: start there, so a manager who changes nothing gets the longest-lived code
  const [validUntil, setValidUntil] = useState(() => defaultGroupValidUntil(Date.now()))
  const [capacity, setCapacity] = useState('200')
  const [image, setImage] = useState<PickedImage | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)

  const choose = async () => {
    try {
      setImage(await pickGroupImage(storeId))
      setMessage('')
    } catch (err) {
      setMessage(err instanceof Error ? err.message : '图片选择失败')
    }
  }
  const save = async () => {
    if (!image) return setMessage('请先选择群二维码图片')
    setBusy(true)
    const res = await callFunction('saveGroupCode', { storeId, name: name.trim(), validUntil, capacity: Number(capacity), image })
    setBusy(false)
    if (!res.ok) return setMessage(res.message)
    setName('')
    setImage(null)
    setMessage('')
    onSaved(`已上传「${res.data.group.name}」，剩 ${res.data.group.daysLeft} 天`)
  }

  return (
    <View className='card group-form'>
      <View className='section-title'>上传新的群二维码</View>
      <Text className='muted'>微信群二维码 7 天后失效，到期前请重新上传</Text>
      <Input className='group-form-name' placeholder='群名称，如 静安寺店粉丝群3' value={name} maxlength={30} onInput={(e) => setName(e.detail.value)} />
      <Picker mode='date' value={validUntil} start={today} end={defaultGroupValidUntil(Date.now())} onChange={(e) => setValidUntil(String(e.detail.value))}>
        <Text className='group-form-date'>有效至 {validUntil}（含当天）</Text>
      </Picker>
      <Input className='group-form-capacity' type='number' placeholder='人数上限' value={capacity} onInput={(e) => setCapacity(e.detail.value)} />
      <Button className='btn btn-ghost group-form-image' onClick={choose}>
        {image ? '已选择图片，点此更换' : '选择群二维码图片'}
      </Button>
      <Button className='btn btn-primary group-form-save' loading={busy || undefined} disabled={busy || undefined} onClick={save}>
        保存
      </Button>
      {message ? <Text className='group-form-message'>{message}</Text> : null}
    </View>
  )
}
