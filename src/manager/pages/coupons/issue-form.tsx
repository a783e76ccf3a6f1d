import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { TemplateView } from '../../../contract/coupons'

/** One request id per issuing intent: a double tap or a retried request answers the same coupon. */
const newRequestId = () => `iss-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
// Taro's H5 button reflects disabled={false} as disabled="false", which its [disabled] style matches
// (white text): pass true or nothing.
const when = (on: boolean): true | undefined => (on ? true : undefined)

interface IssueFormProps {
  /** chosen with the 发券 button on a template's row */
  template: TemplateView
  /** a new coupon was issued (not called for a repeat of the same request) */
  onIssued: () => void
  onClose: () => void
}

/** Give one coupon to a fan by the member code on their "me" page. */
export default function IssueForm({ template, onIssued, onClose }: IssueFormProps) {
  const [memberCode, setMemberCode] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  const issue = async () => {
    if (memberCode.trim().length < 4) return setNote('请填写顾客的会员码')
    setBusy(true)
    const res = await callFunction('issueCoupon', { templateId: template.templateId, memberCode: memberCode.trim(), requestId })
    setBusy(false)
    if (!res.ok) return setNote(res.message)
    setNote(res.data.created ? `已发放：${res.data.coupon.title}（券码 ${res.data.coupon.code}）` : '这次发放已完成过，未重复发放')
    setRequestId(newRequestId())
    setMemberCode('')
    if (res.data.created) onIssued()
  }

  return (
    <View className='issue-form'>
      <Text className='tpl-label'>按会员码手动发放这张券</Text>
      <Input
        className='tpl-input issue-member-code'
        value={memberCode}
        maxlength={16}
        placeholder='顾客的会员码（“我的”页面）'
        onInput={(e) => {
          setMemberCode(e.detail.value)
          setRequestId(newRequestId())
        }}
      />
      {note ? <Text className='tpl-note issue-note'>{note}</Text> : null}
      <Button className='btn btn-primary issue-submit' loading={when(busy)} disabled={when(busy)} onClick={issue}>
        发放
      </Button>
      <Button className='btn btn-ghost issue-close' onClick={onClose}>
        完成
      </Button>
    </View>
  )
}
