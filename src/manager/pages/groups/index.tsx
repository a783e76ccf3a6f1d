import { useMemo, useState } from 'react'
import { getCurrentInstance } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { GroupRow as Row } from '../../../contract/groups'
import { chinaDate } from '../../../components/format'
import PageState, { CallStatus } from '../../../components/page-state'
import { useCall } from '../../../hooks/useCall'
import { chinaDayKey } from '../../../domain/china-time'
import CodeForm from './code-form'
import ExpiryConsent from './expiry-consent'
import GroupRow from './group-row'
import ShareCard from './share-card'
import './index.scss'

/** Store group codes (活码): what shoppers are shown, how full, how long left, and a warning before none is left. */
export default function GroupsPage() {
  const initial = useMemo(() => getCurrentInstance().router?.params?.storeId, [])
  const [storeId, setStoreId] = useState<string | undefined>(initial)
  const { state, reload } = useCall('groupCodes', storeId ? { storeId } : {})
  const [notice, setNotice] = useState('')

  if (state.status !== 'ok') {
    return (
      <View className='page groups'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const data = state.data
  const markFull = async (g: Row, full: boolean) => {
    const res = await callFunction('saveGroupCode', { storeId: data.storeId, groupId: g.groupId, full })
    setNotice(res.ok ? `「${g.name}」${full ? '已标记为满员，不再展示给顾客' : '已恢复展示'}` : res.message)
    reload()
  }
  const warning = data.warning
  return (
    <View className='page groups'>
      <ExpiryConsent />
      {data.stores.length > 1 ? (
        <View className='groups-stores'>
          {data.stores.map((s) => (
            <Text key={s.storeId} className={`groups-store ${s.storeId === data.storeId ? 'groups-store-active' : ''}`} onClick={() => setStoreId(s.storeId)}>
              {s.name}
            </Text>
          ))}
        </View>
      ) : null}
      {warning ? (
        <View className='card group-warning'>
          <Text className='group-warning-badge'>!</Text>
          <Text>
            {warning.lastExpiresAt
              ? `最后一个可用的群二维码将于 ${chinaDate(warning.lastExpiresAt - 1)} 后失效，请尽快上传新码`
              : '当前没有可用的群二维码，顾客只能看到门店电话'}
          </Text>
        </View>
      ) : null}
      <ShareCard share={data.groupShare} stores='one' />
      <View className='card groups-summary row'>
        <Text className='muted'>下列群码的入群登记（每群各计一次）</Text>
        <Text className='groups-members'>{data.members}</Text>
      </View>
      {notice ? <View className='card groups-notice'>{notice}</View> : null}
      {data.groups.length === 0 ? <PageState kind='empty' title='还没有群二维码' message='上传微信群二维码后，顾客签到后即可扫码入群' /> : null}
      {data.groups.map((g) => (
        <GroupRow key={g.groupId} group={g} onMarkFull={markFull} />
      ))}
      <CodeForm storeId={data.storeId} today={chinaDayKey(Date.now())} onSaved={(m) => (setNotice(m), reload())} />
    </View>
  )
}
