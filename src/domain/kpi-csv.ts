import type { Figures } from './kpi-tally'

type Cell = string | number | null

/**
 * Text cells that start like a formula are prefixed with ' so a spreadsheet shows them instead of
 * evaluating them (a staff name is user input); numbers are written as they are.
 */
function cell(v: Cell): string {
  if (v === null) return ''
  if (typeof v === 'number') return String(v)
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CRLF rows and a UTF-8 BOM: without the BOM, Excel on Windows opens Chinese headers as mojibake. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

const percent = (r: number | null): Cell => (r === null ? null : `${(r * 100).toFixed(2)}%`)
const yuan = (fen: number): string => (fen / 100).toFixed(2)

export interface LeaderCsvRow {
  rank: number
  name: string
  storeName: string
  newFans: number
  visits: number
  couponsRedeemed: number
  sales: number
  salesFen: number
  repurchaseRate: number | null
}

export function leaderboardCsv(rows: LeaderCsvRow[]): string {
  return toCsv(
    ['排名', '导购', '门店', '新粉', '到店', '核销', '销售笔数', '销售额(元)', '复购率'],
    rows.map((r) => [r.rank, r.name, r.storeName, r.newFans, r.visits, r.couponsRedeemed, r.sales, yuan(r.salesFen), percent(r.repurchaseRate)])
  )
}

export function dailyCsv(days: Array<Figures & { dayKey: string }>): string {
  return toCsv(
    ['日期', '到店', '新粉', '门店码', '导购码', '分享卡片', '社群', '进群', '发券', '核销', '销售笔数', '销售额(元)', '首购', '复购', '复购额(元)', '复购率'],
    days.map((d) => [
      d.dayKey,
      d.visits,
      d.newFans,
      d.byChannel.store_code,
      d.byChannel.staff_code,
      d.byChannel.shared_card,
      d.byChannel.group,
      d.groupJoins,
      d.couponsIssued,
      d.couponsRedeemed,
      d.sales,
      yuan(d.salesFen),
      d.firstPurchases,
      d.repurchases,
      yuan(d.repurchaseFen),
      percent(d.repurchaseRate)
    ])
  )
}
