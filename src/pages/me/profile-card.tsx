import { Button, Image, Input, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { callFunction } from '../../api/client'
import type { InputOf, OutputOf } from '../../contract'
import { useCall } from '../../hooks/useCall'
import AvatarPicker from './avatar-picker'
import TailButton from './tail-button'

type Profile = OutputOf<'fanProfile'>
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1} 月`)

/**
 * 向导购展示: what the shopper lets their staff member see. Each field is optional and separate; setting
 * one is the consent, 撤回 withdraws it and the staff member stops seeing it at once.
 */
export default function ProfileCard() {
  const { state, setState } = useCall('fanProfile', {})
  const [nickname, setNickname] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  if (state.status !== 'ok') return null
  const p = state.data
  const shownName = nickname ?? p.nickname ?? ''

  const save = async (change: InputOf<'fanProfile'>, done: string) => {
    setBusy(true)
    const res = await callFunction('fanProfile', change)
    setBusy(false)
    if (!res.ok) return setMessage(res.message)
    setState({ status: 'ok', data: res.data })
    setNickname(null)
    setMessage(done)
  }
  const withdraw = (field: keyof Profile, label: string) => (
    <Button
      className={`btn btn-ghost btn-small me-profile-withdraw me-profile-withdraw-${field}`}
      disabled={busy || undefined}
      onClick={() => save(field === 'avatarUrl' ? { avatar: null } : { [field]: null }, `已撤回${label}`)}
    >
      撤回
    </Button>
  )

  return (
    <View className='card me-profile'>
      <View className='section-title'>向我的导购展示</View>
      <Text className='muted'>以下各项都可不填。填写即同意让为您服务的导购看到；随时可撤回，撤回后导购立即看不到。</Text>
      <View className='me-profile-row'>
        <Text className='me-profile-label'>头像</Text>
        {p.avatarUrl ? <Image className='me-profile-avatar' src={p.avatarUrl} mode='aspectFill' /> : <Text className='muted'>未设置</Text>}
        <AvatarPicker onPicked={(avatar) => save({ avatar }, '头像已更新')} onError={setMessage} />
        {p.avatarUrl ? withdraw('avatarUrl', '头像') : null}
      </View>
      <View className='me-profile-row'>
        <Text className='me-profile-label'>昵称</Text>
        <Input
          className='me-profile-nickname'
          type='nickname'
          placeholder='微信昵称或称呼'
          maxlength={20}
          value={shownName}
          onInput={(e) => setNickname(e.detail.value)}
          onBlur={(e) => setNickname(e.detail.value)}
        />
        <Button
          className='btn btn-ghost btn-small me-profile-nickname-save'
          disabled={busy || !shownName.trim() || undefined}
          onClick={() => save({ nickname: shownName.trim() }, '昵称已保存')}
        >
          保存
        </Button>
        {p.nickname ? withdraw('nickname', '昵称') : null}
      </View>
      <View className='me-profile-row'>
        <Text className='me-profile-label'>手机尾号</Text>
        {p.phoneTail ? (
          <Text className='me-profile-tail'>尾号 {p.phoneTail}</Text>
        ) : (
          <TailButton onCloudID={(cloudID) => save({ phoneTail: { cloudID } }, '已向导购展示手机尾号')} />
        )}
        {p.phoneTail ? withdraw('phoneTail', '手机尾号') : null}
      </View>
      <View className='me-profile-row'>
        <Text className='me-profile-label'>生日月份</Text>
        <Picker
          mode='selector'
          range={MONTHS}
          value={(p.birthMonth ?? 1) - 1}
          onChange={(e) => save({ birthMonth: Number(e.detail.value) + 1 }, '生日月份已保存')}
        >
          <Text className='me-profile-month'>{p.birthMonth ? `${p.birthMonth} 月` : '选择月份'}</Text>
        </Picker>
        {p.birthMonth ? withdraw('birthMonth', '生日月份') : null}
      </View>
      {message ? <Text className='muted me-profile-message'>{message}</Text> : null}
    </View>
  )
}
