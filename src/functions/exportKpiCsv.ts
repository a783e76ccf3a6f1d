import { randomBytes } from 'node:crypto'
import { dailyCsv, leaderboardCsv } from '../domain/kpi-csv'
import { cloud } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import { buildDashboard } from './_lib/kpi-dashboard'

/**
 * The CSV as text (H5 turns it into a download), or, with `upload`, as a file in cloud storage with a
 * temporary link (weapp cannot save a generated text file for the user, but can copy or open a link).
 */
export const main = defineFunction('exportKpiCsv', async ({ table, upload, ...query }, caller) => {
  const now = Date.now()
  const d = await buildDashboard(caller.staff, query, now, null)
  const csv = table === 'leaderboard' ? leaderboardCsv(d.leaderboard.rows) : dailyCsv(d.daily)
  const rows = table === 'leaderboard' ? d.leaderboard.rows.length : d.daily.length
  const scope = d.storeId ? (d.stores.find((s) => s.storeId === d.storeId)?.name ?? d.storeId) : '全部门店'
  const filename = `${table === 'leaderboard' ? '导购排行' : '每日数据'}-${scope}-${d.range.from}至${d.range.to}.csv`
  if (!upload) return { filename, rows, csv, url: null }
  // Figures are the brand's business: the file goes under private/ (closed to clients by the storage rule,
  // see README) in a folder of 128 random bits, and is reached only through a temporary link.
  const cloudPath = `private/exports/kpi/${randomBytes(16).toString('hex')}/${table}-${d.range.from}-${d.range.to}.csv`
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(csv, 'utf8') })
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
  return { filename, rows, csv: null, url: String(fileList[0]?.tempFileURL ?? '') }
})
