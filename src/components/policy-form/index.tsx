import { useEffect, useState } from 'react'
import { Button, Input, Label, Radio, RadioGroup, Switch, Text, View } from '@tarojs/components'
import type { AttributionPolicy } from '../../contract'
import './index.scss'

interface PolicyFormProps {
  value: AttributionPolicy
  /** resolves to an error message, or null when saved */
  onSave: (policy: AttributionPolicy) => Promise<string | null>
}

type DayField = 'protectionDays' | 'windowDays' | 'validityDays'
type Draft = Omit<AttributionPolicy, DayField> & Record<DayField, string>

const toDraft = (p: AttributionPolicy): Draft => ({
  ...p,
  protectionDays: p.protectionDays?.toString() ?? '',
  windowDays: p.windowDays?.toString() ?? '',
  validityDays: p.validityDays?.toString() ?? ''
})

/** Blank means "no limit" (null); anything else must be a whole number of days the contract accepts. */
function parseDays(raw: string): number | null | undefined {
  const s = raw.trim()
  if (s === '') return null
  const n = Number(s)
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : undefined
}

const DAY_FIELDS: { key: DayField; label: string; hint: string; mode?: AttributionPolicy['mode'] }[] = [
  { key: 'protectionDays', label: '保护期（天）', hint: '留空 = 永久归属首个导购', mode: 'first' },
  { key: 'windowDays', label: '改绑窗口（天）', hint: '留空 = 不限，最近扫码的导购接手', mode: 'last' },
  { key: 'validityDays', label: '绑定有效期（天）', hint: '超过天数未到店则归门店；留空 = 永久' }
]

export default function PolicyForm({ value, onSave }: PolicyFormProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(value))
  const [saving, setSaving] = useState(false)
  const [note, setNote] = useState('')
  useEffect(() => setDraft(toDraft(value)), [value])

  const save = async () => {
    const days = DAY_FIELDS.map((f) => [f.key, parseDays(draft[f.key])] as const)
    const bad = days.find(([, v]) => v === undefined)
    if (bad) return setNote(`${DAY_FIELDS.find((f) => f.key === bad[0])?.label} 须为 1–3650 的整数或留空`)
    const policy = { mode: draft.mode, newFansOnly: draft.newFansOnly, ...Object.fromEntries(days) } as AttributionPolicy
    setSaving(true)
    const error = await onSave(policy)
    setSaving(false)
    setNote(error ?? '已保存')
  }

  return (
    <View className='card policy-form'>
      <View className='section-title'>导购归属规则</View>
      <RadioGroup className='policy-mode' onChange={(e) => setDraft({ ...draft, mode: e.detail.value as AttributionPolicy['mode'] })}>
        <Label className='policy-radio'>
          <Radio value='first' checked={draft.mode === 'first'} color='#07c160' />
          首次归属（先到先得）
        </Label>
        <Label className='policy-radio'>
          <Radio value='last' checked={draft.mode === 'last'} color='#07c160' />
          最近归属（最后扫码者）
        </Label>
      </RadioGroup>
      {DAY_FIELDS.filter((f) => !f.mode || f.mode === draft.mode).map((f) => (
        <View key={f.key} className={`policy-field policy-${f.key}`}>
          <Text className='policy-label'>{f.label}</Text>
          <Input
            className='policy-input'
            type='number'
            value={draft[f.key]}
            placeholder={f.hint}
            onInput={(e) => setDraft({ ...draft, [f.key]: e.detail.value })}
          />
        </View>
      ))}
      <View className='policy-field row'>
        <Text className='policy-label'>仅绑定品牌新粉</Text>
        <Switch className='policy-new-only' checked={draft.newFansOnly} color='#07c160' onChange={(e) => setDraft({ ...draft, newFansOnly: e.detail.value })} />
      </View>
      {note ? <Text className='policy-note'>{note}</Text> : null}
      <Button className='btn btn-primary policy-save' loading={saving} disabled={saving || undefined} onClick={save}>
        保存规则
      </Button>
    </View>
  )
}
