import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { confirmAction } from '../../../components/confirm'
import { callFunction } from '../../../api/client'
import type { OutputOf } from '../../../contract'
import { chinaDateTime, yuan } from '../../../components/format'
import RedeemPreview from './preview'
import { yuanToFen } from '../../../components/coupon-card/money'
import './index.scss'

type Preview = OutputOf<'couponPreview'>
type Redeemed = OutputOf<'redeemCoupon'>
// WeChat scans with the camera; the H5 build's scanCode is a stub that "succeeds" with nothing, so it types.
const CAN_SCAN = process.env.TARO_ENV === 'weapp'
// Taro's H5 button reflects disabled={false} as disabled="false", which its [disabled] style matches
// (white text): pass true or nothing.
const when = (on: boolean): true | undefined => (on ? true : undefined)

export default function Redeem() {
  const [code, setCode] = useState('')
  const [amount, setAmount] = useState('')
  const [preview, setPreview] = useState<Preview | null>(null)
  const [done, setDone] = useState<Redeemed | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [note, setNote] = useState('')

  const run = async (task: () => Promise<string | null>) => {
    setBusy(true)
    setNote('')
    setError((await task()) ?? '')
    setBusy(false)
  }
  const lookup = (raw: string) =>
    run(async () => {
      setDone(null)
      setPreview(null)
      const res = await callFunction('couponPreview', { code: raw })
      if (!res.ok) return res.message
      setPreview(res.data)
      return null
    })
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setCode(res.result)
      await lookup(res.result)
    } catch {
      // the staff member closed the camera
    }
  }
  const confirm = () =>
    run(async () => {
      const fen = yuanToFen(amount)
      if (fen === undefined || !preview) return '消费金额请填写数字，如 42 或 42.50'
      const res = await callFunction('redeemCoupon', { code: preview.coupon.code, ...(fen === null ? {} : { amountFen: fen }) })
      if (!res.ok) return res.message
      setDone(res.data)
      setPreview(null)
      return null
    })
  const undo = async () => {
    if (!done) return
    const sure = await confirmAction(
      '撤销这次核销？',
      `「${done.coupon.title}」会恢复为未使用，顾客可以再次使用${done.amountFen ? '；这次记下的消费金额一并撤回' : ''}。`,
      '撤销核销'
    )
    if (!sure) return
    await run(async () => {
      const res = await callFunction('undoRedemption', { redemptionId: done.redemptionId })
      if (!res.ok) return res.message
      setDone(null)
      const again = await callFunction('couponPreview', { code: done.coupon.code })
      if (again.ok) setPreview(again.data)
      setNote('已撤销核销，这张券可以再次使用')
      return null
    })
  }

  return (
    <View className='page redeem'>
      <View className='card redeem-entry'>
        <View className='section-title'>核销优惠券</View>
        {CAN_SCAN ? (
          <Button className='btn btn-primary redeem-scan' disabled={when(busy)} onClick={scan}>
            扫描顾客的券码
          </Button>
        ) : null}
        <Input
          className='redeem-input'
          value={code}
          maxlength={12}
          placeholder='输入顾客出示的 8 位券码'
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={() => lookup(code)}
        />
        <Button className='btn btn-ghost redeem-lookup' disabled={when(busy || code.trim().length < 4)} onClick={() => lookup(code)}>
          查询
        </Button>
      </View>
      {error ? <Text className='redeem-error'>{error}</Text> : null}
      {note ? <Text className='redeem-note'>{note}</Text> : null}
      {preview ? <RedeemPreview preview={preview} /> : null}
      {preview?.usable ? (
        <View className='card redeem-confirm-box'>
          <Text className='muted'>本单消费金额（元，选填；填写后计入销售）</Text>
          <Input className='redeem-amount' type='digit' value={amount} placeholder='如 42.50' onInput={(e) => setAmount(e.detail.value)} />
          <Button className='btn btn-primary redeem-confirm' loading={when(busy)} disabled={when(busy)} onClick={confirm}>
            确认核销
          </Button>
        </View>
      ) : null}
      {done ? (
        <View className='card redeem-result'>
          <Text className='redeem-result-title'>核销成功</Text>
          <Text>{done.coupon.title}</Text>
          <Text className='muted'>{done.amountFen !== null ? `消费 ${yuan(done.amountFen)}，已计入销售` : '未填写消费金额'}</Text>
          <Text className='muted'>{chinaDateTime(done.undoUntil)} 前可撤销</Text>
          <Button className='btn btn-ghost redeem-undo' disabled={when(busy)} onClick={undo}>
            撤销这次核销
          </Button>
        </View>
      ) : null}
    </View>
  )
}
