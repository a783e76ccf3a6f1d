import { Button, Image, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import { callFunction } from '../../../api/client'
import type { OutputOf } from '../../../contract'
import type { InviteKind, InviteView } from '../../../contract/onboarding'
import { chinaDateTime } from '../../../components/format'
import { useCall } from '../../../hooks/useCall'
import './invites.scss'

const KIND_LABEL: Record<InviteKind, string> = { staff: '导购', store_manager: '店长', brand_manager: '品牌管理员' }
const STATUS_LABEL: Record<InviteView['status'], string> = { pending: '待接受', accepted: '已加入', revoked: '已撤销', expired: '已过期' }

type Created = OutputOf<'createInvite'>

/**
 * 邀请: a brand manager invites store managers and staff into any store, a store manager staff into their
 * own; each invite is a one-time wxacode and share card valid 7 days. Pending invites can be revoked.
 */
export default function TeamInvites() {
  const admin = useCall('storeAdmin', {})
  const list = useCall('inviteList', {})
  const [kind, setKind] = useState(0)
  const [store, setStore] = useState(0)
  const [name, setName] = useState('')
  const [created, setCreated] = useState<Created | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  useShareAppMessage(() =>
    created
      ? { title: `${created.invitedBy} 邀请你加入${created.storeName}，成为${KIND_LABEL[created.kind]}`, path: `/${created.path}` }
      : { title: 'fanloop 粉丝通', path: '/pages/index/index' }
  )

  if (admin.state.status !== 'ok') return null
  const kinds: InviteKind[] = admin.state.data.canCreate ? ['staff', 'store_manager', 'brand_manager'] : ['staff']
  const stores = admin.state.data.stores.filter((s) => s.active)
  const invites = list.state.status === 'ok' ? list.state.data.invites : []

  const create = async () => {
    const target = stores[store]
    if (!target) return setNote('请先在门店管理中添加门店')
    setBusy(true)
    const res = await callFunction('createInvite', { kind: kinds[kind] ?? 'staff', storeId: target.storeId, ...(name.trim() ? { name: name.trim() } : {}) })
    setBusy(false)
    if (!res.ok) return setNote(res.message)
    setCreated(res.data)
    setNote('')
    setName('')
    list.reload()
  }
  const revoke = async (invite: InviteView) => {
    const sure = await Taro.showModal({ title: '撤销邀请', content: `撤销给「${invite.name || KIND_LABEL[invite.kind]}」的邀请？` })
    if (!sure.confirm) return
    const res = await callFunction('revokeInvite', { inviteId: invite.inviteId })
    setNote(res.ok ? '邀请已撤销' : res.message)
    if (created?.inviteId === invite.inviteId) setCreated(null)
    list.reload()
  }

  return (
    <View className='card team-invites'>
      <View className='section-title'>邀请</View>
      <View className='invite-form'>
        <Picker mode='selector' range={kinds.map((k) => KIND_LABEL[k])} value={kind} onChange={(e) => setKind(Number(e.detail.value))}>
          <View className='invite-picker invite-kind'>身份：{KIND_LABEL[kinds[kind] ?? 'staff']}</View>
        </Picker>
        <Picker mode='selector' range={stores.map((s) => s.name)} value={store} onChange={(e) => setStore(Number(e.detail.value))}>
          <View className='invite-picker invite-store'>门店：{stores[store]?.name ?? '暂无门店'}</View>
        </Picker>
        <Input className='invite-name-input' value={name} maxlength={20} placeholder='对方姓名（选填，对方可修改）' onInput={(e) => setName(e.detail.value)} />
        <Button className='btn btn-primary btn-small invite-create' disabled={busy ? true : undefined} onClick={create}>
          生成邀请
        </Button>
      </View>
      {note ? <Text className='invite-note'>{note}</Text> : null}
      {created ? (
        <View className='invite-created'>
          <Image className='invite-qr' src={created.qrUrl} mode='scaleToFill' showMenuByLongpress />
          <Text className='muted'>
            请{created.name || '对方'}用微信扫码，确认姓名后即成为{created.storeName}的{KIND_LABEL[created.kind]}；{chinaDateTime(created.expiresAt)}{' '}
            前有效，仅限一人使用
          </Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='btn btn-ghost btn-small invite-share' openType='share'>
              发给对方
            </Button>
          ) : (
            <View className='invite-path'>{created.path}</View>
          )}
        </View>
      ) : null}
      {invites.length ? <View className='muted invite-list-title'>待接受的邀请</View> : null}
      {invites.map((i) => (
        <View key={i.inviteId} className='row-between invite-row'>
          <Text>
            {i.name || '（未填姓名）'} · {i.storeName} · {KIND_LABEL[i.kind]}
          </Text>
          <View className='invite-row-side'>
            <Text className='muted invite-status'>{i.status === 'pending' ? `${chinaDateTime(i.expiresAt)} 到期` : STATUS_LABEL[i.status]}</Text>
            {i.status === 'pending' ? (
              <Button className='btn btn-small btn-danger invite-revoke' onClick={() => revoke(i)}>
                撤销
              </Button>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}
