import { useState, type ReactNode } from 'react'
import { Button, Checkbox, CheckboxGroup, Input, Label, Picker, Radio, RadioGroup, Switch, Text, View } from '@tarojs/components'
import type { TemplateFields, TemplateView } from '../../../contract/coupons'
import { fromDraft, toDraft, type Draft } from './draft'

interface TemplateFormProps {
  template: TemplateView | null
  stores: Array<{ storeId: string; name: string }>
  /** the stores this manager may change (null: the brand): a store manager's template is limited to them */
  scope: readonly string[] | null
  /** resolves to an error message, or null when saved */
  onSave: (fields: TemplateFields) => Promise<string | null>
  onCancel: () => void
}

const KINDS = [
  ['amount_off', '满减券'],
  ['percent_off', '折扣券'],
  ['gift', '赠品券']
] as const
const TRIGGERS = [
  ['welcome', '新粉欢迎'],
  ['group_join', '进群礼'],
  ['win_back', '回流召回'],
  ['manual', '手动发放']
] as const
// Taro's H5 button reflects disabled={false} as disabled="false", which its [disabled] style matches
// (white text): pass true or nothing.
const when = (on: boolean): true | undefined => (on ? true : undefined)

function Field({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`tpl-field ${className}`}>
      <Text className='tpl-label'>{label}</Text>
      {children}
    </View>
  )
}

export default function TemplateForm({ template, stores, scope, onSave, onCancel }: TemplateFormProps) {
  const [d, setD] = useState<Draft>(() => toDraft(template, Date.now(), scope))
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  const put = (patch: Partial<Draft>) => setD({ ...d, ...patch })
  const text = (key: keyof Draft, placeholder: string, type: 'text' | 'digit' | 'number' = 'text') => (
    <Input className={`tpl-input tpl-${key}`} type={type} value={String(d[key])} placeholder={placeholder} onInput={(e) => put({ [key]: e.detail.value })} />
  )

  const save = async () => {
    const fields = fromDraft(d)
    if (typeof fields === 'string') return setNote(fields)
    setSaving(true)
    const error = await onSave(fields)
    setSaving(false)
    setNote(error ?? '')
  }

  return (
    <View className='card tpl-form'>
      <View className='section-title'>{template ? '修改券模板（已发出的券不受影响）' : '新建券模板'}</View>
      <Field label='券名称'>{text('title', '如 新粉专享 满30减10')}</Field>
      <RadioGroup className='tpl-radios' onChange={(e) => put({ kind: e.detail.value as Draft['kind'] })}>
        {KINDS.map(([k, label]) => (
          <Label key={k} className='tpl-radio'>
            <Radio value={k} checked={d.kind === k} color='#07c160' />
            {label}
          </Label>
        ))}
      </RadioGroup>
      {d.kind === 'amount_off' ? <Field label='减免金额（元）'>{text('value', '如 10', 'digit')}</Field> : null}
      {d.kind === 'percent_off' ? <Field label='折扣（折）'>{text('value', '如 8.5', 'digit')}</Field> : null}
      <Field label='使用门槛（元，无门槛留空）'>{text('threshold', '如 30', 'digit')}</Field>
      <RadioGroup className='tpl-radios' onChange={(e) => put({ validityType: e.detail.value as Draft['validityType'] })}>
        <Label className='tpl-radio'>
          <Radio value='days' checked={d.validityType === 'days'} color='#07c160' />
          领取后 N 天有效
        </Label>
        <Label className='tpl-radio'>
          <Radio value='fixed' checked={d.validityType === 'fixed'} color='#07c160' />
          固定日期
        </Label>
      </RadioGroup>
      {d.validityType === 'days' ? (
        <Field label='有效天数（含领取当天，北京时间）'>{text('days', '如 14', 'number')}</Field>
      ) : (
        <Field label='有效日期（北京时间，含结束日全天）'>
          <View className='row'>
            <Picker mode='date' value={d.from} onChange={(e) => put({ from: e.detail.value })}>
              <Text className='tpl-date tpl-from'>{d.from}</Text>
            </Picker>
            <Text className='muted'>至</Text>
            <Picker mode='date' value={d.until} onChange={(e) => put({ until: e.detail.value })}>
              <Text className='tpl-date tpl-until'>{d.until}</Text>
            </Picker>
          </View>
        </Field>
      )}
      <Field label='库存（张，不限量留空）'>{text('stock', '不限量', 'number')}</Field>
      <Field label='每人限领（张）'>{text('perFanLimit', '1', 'number')}</Field>
      <RadioGroup className='tpl-radios' onChange={(e) => put({ trigger: e.detail.value as Draft['trigger'] })}>
        {TRIGGERS.map(([k, label]) => (
          <Label key={k} className='tpl-radio'>
            <Radio value={k} checked={d.trigger === k} color='#07c160' />
            {label}
          </Label>
        ))}
      </RadioGroup>
      {scope === null ? (
        <Field label='全部门店可用' className='row'>
          <Switch className='tpl-all-stores' checked={d.storeIds === null} color='#07c160' onChange={(e) => put({ storeIds: e.detail.value ? null : [] })} />
        </Field>
      ) : (
        <Text className='muted tpl-scope-note'>店长设置的券仅限自己负责的门店使用</Text>
      )}
      {d.storeIds !== null ? (
        <CheckboxGroup className='tpl-stores' onChange={(e) => put({ storeIds: e.detail.value as string[] })}>
          {stores.map((s) => (
            <Label key={s.storeId} className='tpl-radio'>
              <Checkbox value={s.storeId} checked={d.storeIds?.includes(s.storeId) ?? false} color='#07c160' />
              {s.name}
            </Label>
          ))}
        </CheckboxGroup>
      ) : null}
      <Field label='暂停（停止发放，已发的券暂不能核销）' className='row'>
        <Switch className='tpl-paused' checked={d.paused} color='#07c160' onChange={(e) => put({ paused: e.detail.value })} />
      </Field>
      {note ? <Text className='tpl-note'>{note}</Text> : null}
      <Button className='btn btn-primary tpl-save' loading={when(saving)} disabled={when(saving)} onClick={save}>
        保存
      </Button>
      <Button className='btn btn-ghost tpl-cancel' onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}
