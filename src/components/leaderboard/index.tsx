import { Text, View } from '@tarojs/components'
import type { LeaderRow } from '../../contract/kpi'
import './index.scss'

export type LeaderSort = 'newFans' | 'visits' | 'couponsRedeemed' | 'sales' | 'salesFen' | 'repurchaseRate'

const COLUMNS: Array<{ key: LeaderSort; label: string; show: (r: LeaderRow) => string }> = [
  { key: 'newFans', label: '新粉', show: (r) => String(r.newFans) },
  { key: 'couponsRedeemed', label: '核销', show: (r) => String(r.couponsRedeemed) },
  // Whole yuan in the table (the CSV has fen): five columns must fit a phone's width.
  { key: 'salesFen', label: '销售额', show: (r) => `¥${Math.round(r.salesFen / 100)}` },
  { key: 'repurchaseRate', label: '复购率', show: (r) => percent(r.repurchaseRate) }
]

export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)

interface Props {
  rows: LeaderRow[]
  sort: LeaderSort
  onSort: (key: LeaderSort) => void
  /** staff of several stores: show each one's store under the name */
  showStore: boolean
  total: number
}

/** The staff leaderboard; tapping a column header sorts by it (largest first, on the server). */
export default function Leaderboard({ rows, sort, onSort, showStore, total }: Props) {
  return (
    <View className='kpi-leaderboard'>
      <View className='leaderboard-tr leaderboard-th'>
        <Text className='leaderboard-rank'>#</Text>
        <Text className='leaderboard-name'>导购</Text>
        {COLUMNS.map((c) => (
          <Text
            key={c.key}
            className={`leaderboard-td leaderboard-td-${c.key} leaderboard-sort leaderboard-sort-${c.key} ${sort === c.key ? 'leaderboard-sort-active' : ''}`}
            onClick={() => onSort(c.key)}
          >
            {c.label}
            {sort === c.key ? '↓' : ''}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.staffId} className='leaderboard-tr leaderboard-row'>
          <Text className={`leaderboard-rank ${r.rank <= 3 ? 'leaderboard-top' : ''}`}>{r.rank}</Text>
          <View className='leaderboard-name'>
            <Text className='leaderboard-staff'>{r.name}</Text>
            {showStore ? <Text className='leaderboard-store'>{r.storeName}</Text> : null}
          </View>
          {COLUMNS.map((c) => (
            <Text key={c.key} className={`leaderboard-td leaderboard-td-${c.key} ${sort === c.key ? 'leaderboard-td-active' : ''}`}>
              {c.show(r)}
            </Text>
          ))}
        </View>
      ))}
      {rows.length === 0 ? <Text className='muted leaderboard-empty'>这段时间还没有导购业绩</Text> : null}
      {total > rows.length ? (
        <Text className='muted leaderboard-more'>
          共 {total} 位导购，显示前 {rows.length} 位；完整名单请导出 CSV
        </Text>
      ) : null}
    </View>
  )
}
