import type { InputOf } from '../../../contract'

type BookInput = InputOf<'fanBook'>

export const LAST_VISIT: Array<{ label: string; value: BookInput['lastVisit'] }> = [
  { label: '到店：不限', value: undefined },
  { label: '7 天内到店', value: '7d' },
  { label: '30 天内到店', value: '30d' },
  { label: '30 天未到店', value: 'over30d' },
  { label: '60 天未到店', value: 'over60d' }
]

export const SPEND: Array<{ label: string; value: number | undefined }> = [
  { label: '消费：不限', value: undefined },
  { label: '累计 ¥100 以上', value: 10_000 },
  { label: '累计 ¥500 以上', value: 50_000 },
  { label: '累计 ¥1000 以上', value: 100_000 }
]
