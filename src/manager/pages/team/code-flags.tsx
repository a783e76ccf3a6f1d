import { Button, Text, View } from '@tarojs/components'
import type { CodeFlagView } from '../../../contract/team'

const REASON: Record<CodeFlagView['reasons'][number], string> = {
  burst: '短时间内新粉过多',
  same_device: '同一设备带来多位新粉'
}

interface Props {
  flags: CodeFlagView[]
  onReview: (flag: CodeFlagView, decision: 'approve' | 'reject') => void
}

/**
 * Staff codes whose new fans looked manufactured. Those fans were kept with the store; the manager
 * decides whether the staff member gets them. Reviewed flags stay listed (greyed) as a record.
 */
export default function CodeFlags({ flags, onReview }: Props) {
  if (flags.length === 0) return null
  const open = flags.filter((f) => f.status === 'open').length
  return (
    <View className='card team-flags'>
      <View className='section-title'>异常导购码 {open ? <Text className='team-flags-open'>{open} 条待处理</Text> : null}</View>
      {flags.map((f) => (
        <View key={f.flagId} className={`team-flag ${f.status === 'open' ? '' : 'team-flag-done'}`}>
          <Text className='team-flag-title'>
            {f.staffName} · {f.dayKey} · 暂归门店 {f.held} 位新粉
          </Text>
          <Text className='muted team-flag-reasons'>{f.reasons.map((r) => REASON[r]).join('；')}</Text>
          {f.status === 'open' ? (
            <View className='team-actions'>
              <Button className='btn btn-primary btn-small team-flag-approve' onClick={() => onReview(f, 'approve')}>
                确认计入该导购
              </Button>
              <Button className='btn btn-ghost btn-small team-flag-reject' onClick={() => onReview(f, 'reject')}>
                不计入，留在门店
              </Button>
            </View>
          ) : (
            <Text className='muted team-flag-status'>{f.status === 'approved' ? '已确认计入' : '已不计入'}</Text>
          )}
        </View>
      ))}
    </View>
  )
}
