import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { callFunction } from '../../api/client'
import './actions.scss'

type Step = { at: 'idle' } | { at: 'confirm' } | { at: 'working' } | { at: 'done'; nothing: boolean } | { at: 'error'; message: string }
/** A long history is deleted over several calls (each has a time budget); a few is plenty. */
const MAX_CALLS = 10

/**
 * 删除我的数据, with a confirmation step that says exactly what happens. Calls deleteMyData until it
 * reports complete. `onDone` lets the page that holds it refresh (the fan record is gone).
 */
export default function DeleteData({ startConfirming = false, onDone }: { startConfirming?: boolean; onDone?: () => void }) {
  const [step, setStep] = useState<Step>(startConfirming ? { at: 'confirm' } : { at: 'idle' })
  const erase = async () => {
    setStep({ at: 'working' })
    let deletedAny = false
    for (let i = 0; i < MAX_CALLS; i++) {
      const res = await callFunction('deleteMyData', { confirm: true })
      if (!res.ok) return setStep({ at: 'error', message: res.message })
      deletedAny ||= res.data.deleted
      if (res.data.complete) {
        setStep({ at: 'done', nothing: !deletedAny })
        return onDone?.()
      }
    }
    setStep({ at: 'error', message: '数据较多，还没有删完，请再点一次继续' })
  }

  return (
    <View className='card privacy-delete'>
      <View className='section-title'>删除我的数据</View>
      {step.at === 'idle' || step.at === 'error' ? (
        <View>
          {step.at === 'error' ? <Text className='privacy-error'>{step.message}</Text> : null}
          <Button className='btn privacy-btn-danger privacy-delete-start' onClick={() => setStep({ at: 'confirm' })}>
            删除我的数据
          </Button>
        </View>
      ) : null}
      {step.at === 'confirm' || step.at === 'working' ? (
        <View className='privacy-confirm'>
          <Text className='privacy-confirm-text'>确定要删除吗？删除后不能恢复：</Text>
          <Text className='privacy-confirm-item'>· 粉丝档案、会员码、专属导购关系、手机号绑定、优惠提醒订阅将被删除；</Text>
          <Text className='privacy-confirm-item'>· 到店、优惠券、消费和入群记录只以匿名方式保留给门店统计，无法再关联到您；</Text>
          <Text className='privacy-confirm-item'>· 未使用的优惠券将作废。以后再扫码，会作为新顾客重新开始。</Text>
          <Button
            className='btn privacy-btn-danger-solid privacy-delete-confirm'
            loading={step.at === 'working'}
            disabled={step.at === 'working' || undefined}
            onClick={erase}
          >
            确认删除
          </Button>
          <Button className='btn btn-ghost privacy-delete-cancel' disabled={step.at === 'working' || undefined} onClick={() => setStep({ at: 'idle' })}>
            取消
          </Button>
        </View>
      ) : null}
      {step.at === 'done' ? (
        <View className='privacy-deleted'>
          <Text className='privacy-deleted-title'>{step.nothing ? '我们没有保存您的数据' : '您的数据已删除'}</Text>
          <Text className='muted'>如您也是门店员工，员工身份不受影响。</Text>
        </View>
      ) : null}
    </View>
  )
}
