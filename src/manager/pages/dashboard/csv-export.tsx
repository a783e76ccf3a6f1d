import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { InputOf } from '../../../contract'
import { deliverCsv, EXPORT_UPLOADS } from './deliver'

type Query = Omit<InputOf<'exportKpiCsv'>, 'table' | 'upload'>

/** Export buttons: a download on H5, a cloud-storage link on weapp (see deliver.ts / deliver.h5.ts). */
export default function CsvExport({ query }: { query: Query }) {
  const [busy, setBusy] = useState<'leaderboard' | 'daily' | null>(null)
  const [message, setMessage] = useState('')
  const run = async (table: 'leaderboard' | 'daily') => {
    setBusy(table)
    setMessage('')
    const res = await callFunction('exportKpiCsv', { ...query, table, upload: EXPORT_UPLOADS })
    try {
      if (!res.ok) return setMessage(res.message)
      await deliverCsv(res.data)
      setMessage(`已导出 ${res.data.filename}（${res.data.rows} 行）`)
    } catch {
      setMessage('导出失败，请重试')
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='card csv-export'>
      <View className='section-title'>导出 CSV</View>
      <View className='row'>
        {/* disabled only while busy: Taro's H5 button treats a present disabled="false" attribute as disabled */}
        <Button className='btn btn-ghost btn-small csv-export-leaderboard' disabled={busy !== null || undefined} onClick={() => run('leaderboard')}>
          {busy === 'leaderboard' ? '导出中…' : '导购排行'}
        </Button>
        <Button className='btn btn-ghost btn-small csv-export-daily' disabled={busy !== null || undefined} onClick={() => run('daily')}>
          {busy === 'daily' ? '导出中…' : '每日数据'}
        </Button>
      </View>
      {message ? <Text className='muted csv-export-message'>{message}</Text> : null}
    </View>
  )
}
