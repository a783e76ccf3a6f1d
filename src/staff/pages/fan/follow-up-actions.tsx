import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { callFunction } from '../../../api/client'

interface Props {
  memberCode: string
  due: Array<{ label: string }>
  reminderConsents: number
  templates: Array<{ templateId: string; title: string }>
  onDone: (message: string) => void
}

const requestId = () => `fu-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/** 跟进: issue a coupon, send a reminder (only with consent left), or mark done; the note goes with any of them. */
export default function FollowUpActions({ memberCode, due, reminderConsents, templates, onDone }: Props) {
  const [picked, setPicked] = useState(0)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const act = async (action: 'coupon' | 'remind' | 'done') => {
    setBusy(true)
    const templateId = action === 'coupon' ? templates[picked]?.templateId : undefined
    const res = await callFunction('followUpAction', {
      memberCode,
      action,
      requestId: requestId(),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(templateId ? { templateId } : {})
    })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setError('')
    setNote('')
    onDone(action === 'coupon' ? `已发券：${res.data.coupon?.title ?? ''}` : action === 'remind' ? '提醒已发送' : '已标记完成')
  }

  return (
    <View className='card fan-follow'>
      <View className='section-title'>跟进</View>
      {due.length ? (
        due.map((d) => (
          <Text key={d.label} className='fan-due'>
            {d.label}
          </Text>
        ))
      ) : (
        <Text className='muted'>今天没有待跟进事项</Text>
      )}
      <Input className='fan-follow-note' placeholder='跟进备注（可选）' value={note} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
      {templates.length ? (
        <View className='row'>
          <Picker mode='selector' range={templates.map((t) => t.title)} value={picked} onChange={(e) => setPicked(Number(e.detail.value))}>
            <Text className='fan-follow-template'>{templates[picked]?.title}</Text>
          </Picker>
          <Button className='btn btn-primary btn-small fan-follow-coupon' disabled={busy || undefined} onClick={() => act('coupon')}>
            发券
          </Button>
        </View>
      ) : (
        <Text className='muted'>没有可用于跟进的券模板（请店长添加“手动发放”券）</Text>
      )}
      <View className='row'>
        <Button className='btn btn-ghost btn-small fan-follow-remind' disabled={busy || reminderConsents === 0 || undefined} onClick={() => act('remind')}>
          发送提醒（剩 {reminderConsents} 次）
        </Button>
        <Button className='btn btn-ghost btn-small fan-follow-done' disabled={busy || undefined} onClick={() => act('done')}>
          标记完成
        </Button>
      </View>
      {error ? <Text className='muted fan-follow-error'>{error}</Text> : null}
    </View>
  )
}
