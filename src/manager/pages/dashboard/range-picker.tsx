import { Picker, Text, View } from '@tarojs/components'

export type RangeKind = 'today' | '7d' | '30d' | 'custom'
export interface RangeValue {
  range: RangeKind
  from: string
  to: string
}

const PRESETS: Array<[RangeKind, string]> = [
  ['today', '今日'],
  ['7d', '近7天'],
  ['30d', '近30天'],
  ['custom', '自定义']
]

interface Props {
  value: RangeValue
  today: string
  onChange: (next: RangeValue) => void
}

/** Today / 7 / 30 China days, or two dates (the server refuses more than 92 days and says so). */
export default function RangePicker({ value, today, onChange }: Props) {
  return (
    <View className='range-picker'>
      <View className='range-presets'>
        {PRESETS.map(([kind, label]) => (
          <Text
            key={kind}
            className={`range-preset range-preset-${kind} ${value.range === kind ? 'range-preset-active' : ''}`}
            onClick={() => onChange({ ...value, range: kind })}
          >
            {label}
          </Text>
        ))}
      </View>
      {value.range === 'custom' ? (
        <View className='range-custom'>
          <Picker mode='date' value={value.from} end={today} onChange={(e) => onChange({ ...value, from: String(e.detail.value) })}>
            <Text className='range-date range-from'>{value.from}</Text>
          </Picker>
          <Text className='muted'>至</Text>
          <Picker mode='date' value={value.to} end={today} onChange={(e) => onChange({ ...value, to: String(e.detail.value) })}>
            <Text className='range-date range-to'>{value.to}</Text>
          </Picker>
        </View>
      ) : null}
    </View>
  )
}
