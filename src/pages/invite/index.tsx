import { useMemo, useState } from 'react'
import Taro, { getCurrentInstance } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { callFunction } from '../../api/client'
import type { OutputOf } from '../../contract'
import { sceneFromOptions } from '../../domain/scene'
import { useCall } from '../../hooks/useCall'
import PageState, { CallStatus } from '../../components/page-state'
import { chinaDateTime } from '../../components/format'
import { homeFor, KIND_LABEL } from './roles'
import './index.scss'

/** The invite's id: `inviteId` from a share card, or the wxacode scene `I.<id>` (URL-encoded in `scene`). */
function readInviteId(): string | null {
  const params = (getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
  if (params.inviteId && /^[A-Za-z0-9]{20}$/.test(params.inviteId)) return params.inviteId
  const scene = sceneFromOptions(params)
  const m = scene ? /^I\.([A-Za-z0-9]{20})$/.exec(scene) : null
  return m ? m[1] : null
}

const STATUS_TEXT = { accepted: '这个邀请已被使用', revoked: '这个邀请已被撤销', expired: '这个邀请已过期' } as const

export default function InvitePage() {
  const inviteId = useMemo(readInviteId, [])
  const info = useCall('inviteInfo', inviteId ? { inviteId } : null)
  const [name, setName] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [bound, setBound] = useState<OutputOf<'acceptInvite'> | null>(null)

  if (!inviteId) {
    return (
      <View className='page invite'>
        <PageState kind='empty' title='没有找到邀请' message='请扫描店长发给你的邀请码，或打开店长分享的邀请卡片' className='invite-missing' />
      </View>
    )
  }
  if (info.state.status !== 'ok') {
    return (
      <View className='page invite'>
        <CallStatus state={info.state} onRetry={info.reload} />
      </View>
    )
  }
  const invite = info.state.data
  const shownName = name ?? invite.name

  if (bound) {
    return (
      <View className='page invite'>
        <View className='card onboard-done invite-done'>
          <View className='section-title'>欢迎加入 {bound.storeName}</View>
          <Text className='onboard-line'>
            {bound.name}，你现在是{bound.role === 'staff' ? '导购' : '店长'}。
          </Text>
          {bound.role === 'staff' ? (
            <>
              <Button className='btn btn-primary invite-go-code' onClick={() => Taro.redirectTo({ url: '/staff/pages/code/index' })}>
                我的导购码
              </Button>
              <Button className='btn btn-ghost invite-go-fans' onClick={() => Taro.redirectTo({ url: '/staff/pages/fans/index' })}>
                我的粉丝
              </Button>
            </>
          ) : (
            <Button className='btn btn-primary invite-go-home' onClick={() => Taro.redirectTo({ url: homeFor(bound.role) })}>
              进入店长总览
            </Button>
          )}
        </View>
      </View>
    )
  }
  if (invite.status !== 'pending' && !invite.mine) {
    return (
      <View className='page invite'>
        <PageState kind='error' title={STATUS_TEXT[invite.status]} message='请联系店长重新发一个邀请' className={`invite-${invite.status}`} />
      </View>
    )
  }

  const accept = async () => {
    setBusy(true)
    setError('')
    const res = await callFunction('acceptInvite', { inviteId, name: shownName.trim() })
    setBusy(false)
    if (res.ok) setBound(res.data)
    else setError(res.message)
  }

  return (
    <View className='page invite'>
      <View className='card invite-card'>
        <View className='section-title'>{invite.storeName}</View>
        <Text className='onboard-line'>
          {invite.invitedBy} 邀请你成为 <Text className='onboard-role invite-role'>{KIND_LABEL[invite.kind]}</Text>
        </Text>
        <Text className='muted onboard-line'>邀请有效期至 {chinaDateTime(invite.expiresAt)}，只能使用一次</Text>
        <Text className='muted'>你的姓名（顾客和同事会看到）</Text>
        <Input className='onboard-field invite-name' value={shownName} maxlength={20} placeholder='请输入姓名' onInput={(e) => setName(e.detail.value)} />
        <Button className='btn btn-primary invite-accept' disabled={busy || !shownName.trim() ? true : undefined} onClick={accept}>
          确认加入
        </Button>
      </View>
      {error ? <Text className='onboard-error invite-error'>{error}</Text> : null}
    </View>
  )
}
