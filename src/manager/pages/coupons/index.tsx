import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { TemplateFields, TemplateView } from '../../../contract/coupons'
import { useCall } from '../../../hooks/useCall'
import { confirmAction } from '../../../components/confirm'
import { mayManageStores } from '../../../domain/manager-scope'
import PageState, { CallStatus } from '../../../components/page-state'
import { chinaDate, couponThreshold, couponValue } from '../../../components/format'
import TemplateForm from './template-form'
import IssueForm from './issue-form'
import { fieldsOf } from './draft'
import './index.scss'

const TRIGGER_LABEL: Record<TemplateView['trigger'], string> = { welcome: '新粉欢迎', group_join: '进群礼', win_back: '回流召回', manual: '手动发放' }

const validityText = (v: TemplateView['validity']) => (v.type === 'days' ? `领取后 ${v.days} 天有效` : `${chinaDate(v.from)} 至 ${chinaDate(v.until)}`)

export default function ManagerCoupons() {
  const { state, reload, setState } = useCall('couponTemplates', {})
  // Which stores this manager may change: a store manager sees brand templates but cannot change them.
  const session = useCall('session', {})
  const scope = session.state.status === 'ok' ? (session.state.data.staff?.manages ?? null) : undefined
  // null: no form; 'new': a new template; otherwise the template being edited
  const [editing, setEditing] = useState<TemplateView | 'new' | null>(null)
  const [issuing, setIssuing] = useState<string | null>(null)
  const [error, setError] = useState('')

  if (state.status !== 'ok' || scope === undefined) {
    return (
      <View className='page tpl'>
        <CallStatus state={state.status !== 'ok' ? state : session.state} onRetry={state.status !== 'ok' ? reload : session.reload} />
      </View>
    )
  }
  const { templates, stores } = state.data
  const storeName = new Map(stores.map((s) => [s.storeId, s.name]))

  const save = async (templateId: string | undefined, template: TemplateFields): Promise<string | null> => {
    const res = await callFunction('saveCouponTemplate', templateId ? { templateId, template } : { template })
    if (!res.ok) return res.message
    setEditing(null)
    reload()
    return null
  }
  // Counted in place: a reload would unmount the open issue form and its confirmation.
  const countIssued = (templateId: string) =>
    setState({ status: 'ok', data: { ...state.data, templates: templates.map((x) => (x.templateId === templateId ? { ...x, issued: x.issued + 1 } : x)) } })
  const togglePause = async (t: TemplateView) => {
    if (!t.paused) {
      const sure = await confirmAction(`暂停「${t.title}」？`, '暂停后停止发放这张券，已发出的券也暂时不能核销；可以随时恢复。', '暂停')
      if (!sure) return
    }
    setError((await save(t.templateId, { ...fieldsOf(t), paused: !t.paused })) ?? '')
  }

  if (editing) {
    const current = editing === 'new' ? null : editing
    return (
      <View className='page tpl'>
        <TemplateForm
          template={current}
          stores={scope ? stores.filter((s) => scope.includes(s.storeId)) : stores}
          scope={scope}
          onSave={(f) => save(current?.templateId, f)}
          onCancel={() => setEditing(null)}
        />
      </View>
    )
  }

  return (
    <View className='page tpl'>
      <Button className='btn btn-primary tpl-new' onClick={() => setEditing('new')}>
        新建券模板
      </Button>
      {error ? <Text className='tpl-note'>{error}</Text> : null}
      {templates.length === 0 ? <PageState kind='empty' title='还没有券模板' className='tpl-empty' /> : null}
      {templates.map((t) => (
        <View key={t.templateId} className={`card tpl-row ${t.paused ? 'tpl-row-paused' : ''}`}>
          <View className='row'>
            <Text className='tpl-title'>{t.title}</Text>
            <Text className='tpl-badge'>{t.paused ? '已暂停' : TRIGGER_LABEL[t.trigger]}</Text>
          </View>
          <Text className='muted'>
            {couponValue(t)} · {couponThreshold(t.thresholdFen)} · {validityText(t.validity)} · 每人限 {t.perFanLimit} 张
          </Text>
          <Text className='muted'>{t.storeIds ? `适用：${t.storeIds.map((id) => storeName.get(id) ?? id).join('、')}` : '全部门店可用'}</Text>
          <View className='tpl-figures'>
            <Text className='tpl-issued'>
              已发 {t.issued}
              {t.stock !== null ? ` / ${t.stock}` : '（不限量）'}
            </Text>
            <Text className='tpl-redeemed'>已核销 {t.redeemed}</Text>
          </View>
          {mayManageStores(scope, t.storeIds) ? null : <Text className='muted tpl-readonly'>品牌统一设置，只有品牌运营可以修改</Text>}
          <View className='tpl-actions'>
            {mayManageStores(scope, t.storeIds) ? (
              <>
                <Button className='btn btn-ghost btn-small tpl-edit' onClick={() => setEditing(t)}>
                  修改
                </Button>
                <Button className='btn btn-ghost btn-small tpl-pause' onClick={() => togglePause(t)}>
                  {t.paused ? '恢复' : '暂停'}
                </Button>
              </>
            ) : null}
            {t.paused ? null : (
              <Button className='btn btn-ghost btn-small tpl-issue' onClick={() => setIssuing(t.templateId)}>
                发券
              </Button>
            )}
          </View>
          {issuing === t.templateId ? <IssueForm template={t} onIssued={() => countIssued(t.templateId)} onClose={() => setIssuing(null)} /> : null}
        </View>
      ))}
    </View>
  )
}
