import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { OutputOf } from '../../../contract'
import { chinaDateTime, yuan } from '../../../components/format'
import { yuanToFen } from '../../../components/coupon-card/money'
import { tillLookup } from './lookup'
import './index.scss'

type Recorded = OutputOf<'recordSale'>
// The H5 build's scanCode is a stub that "succeeds" with nothing: branch on the target, type on H5.
const CAN_SCAN = process.env.TARO_ENV === 'weapp'
const when = (on: boolean): true | undefined => (on ? true : undefined)
// One id per sale being entered: a double tap or a retry after a timeout records it once.
const newRequestId = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

export default function Sale() {
  const [code, setCode] = useState('')
  const [amount, setAmount] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [done, setDone] = useState<Recorded | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true })
      setCode(res.result.trim())
    } catch {
      // the staff member closed the camera
    }
  }
  const confirm = async () => {
    const fen = yuanToFen(amount)
    if (!fen) return setError('消费金额请填写大于 0 的数字，如 42 或 42.50')
    setBusy(true)
    setError('')
    const res = await callFunction('recordSale', { ...tillLookup(code), amountFen: fen, requestId })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setDone(res.data)
    setCode('')
    setAmount('')
    setRequestId(newRequestId())
  }

  return (
    <View className='page sale'>
      <View className='card sale-entry'>
        <View className='section-title'>记录消费</View>
        <Text className='muted'>请顾客打开“我的”页面出示会员码，或报出已绑定的手机号</Text>
        {CAN_SCAN ? (
          <Button className='btn btn-ghost sale-scan' disabled={when(busy)} onClick={scan}>
            扫描会员码
          </Button>
        ) : null}
        <Input
          className='sale-input sale-member-code'
          value={code}
          maxlength={16}
          placeholder='会员码（10 位）或手机号'
          onInput={(e) => setCode(e.detail.value)}
        />
        <Input
          className='sale-input sale-amount'
          type='digit'
          value={amount}
          placeholder='消费金额（元），如 128.00'
          onInput={(e) => setAmount(e.detail.value)}
        />
        <Button
          className='btn btn-primary sale-confirm'
          loading={when(busy)}
          disabled={when(busy || code.trim().length < 4 || amount.trim() === '')}
          onClick={confirm}
        >
          确认记录
        </Button>
      </View>
      {error ? <Text className='sale-error'>{error}</Text> : null}
      {done ? (
        <View className='card sale-done'>
          <Text className='sale-done-title'>{done.created ? '已记录' : '这笔已记录过'}</Text>
          <Text>
            会员 {done.memberCode} · {yuan(done.amountFen)}
          </Text>
          <Text className='muted sale-kind'>{done.repurchase ? '复购（老顾客再次消费）' : '首次消费'}</Text>
          <Text className='muted'>{chinaDateTime(done.at)}</Text>
        </View>
      ) : null}
    </View>
  )
}
