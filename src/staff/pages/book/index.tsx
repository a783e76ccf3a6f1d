import { useEffect, useMemo, useState } from 'react'
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { callFunction } from '../../../api/client'
import type { InputOf, OutputOf } from '../../../contract'
import PageState from '../../../components/page-state'
import FanRow from './fan-row'
import { LAST_VISIT, SPEND } from './filters'
import './index.scss'

type BookRow = OutputOf<'fanBook'>['rows'][number]
type DueRow = OutputOf<'followUps'>['rows'][number]
/** A filtered call may answer fewer rows than asked (spend and due are checked on a scanned page): keep asking up to this many times. */
const FILL_CALLS = 5

/**
 * The staff member's customer book (名册) and today's follow-ups (今日跟进). Both page by a server cursor;
 * "加载更多" continues where the last call stopped.
 */
export default function Book() {
  const [tab, setTab] = useState<'book' | 'due'>('due')
  const [q, setQ] = useState('')
  const [tag, setTag] = useState('')
  const [visit, setVisit] = useState(0)
  const [spend, setSpend] = useState(0)
  const [dueOnly, setDueOnly] = useState(false)
  const [query, setQuery] = useState<InputOf<'fanBook'>>({})
  const [rows, setRows] = useState<Array<BookRow | DueRow>>([])
  const [next, setNext] = useState<string | null>(null)
  const [total, setTotal] = useState<number | null>(null)
  const [status, setStatus] = useState<'loading' | 'ok' | 'error'>('loading')
  const [error, setError] = useState('')
  const [refresh, setRefresh] = useState(0)
  useDidShow(() => setRefresh((n) => n + 1))

  const load = useMemo(
    () => async (after: string | undefined, keep: Array<BookRow | DueRow>) => {
      setStatus('loading')
      let got = keep
      let cursor = after
      for (let i = 0; i < FILL_CALLS; i++) {
        const res =
          tab === 'due'
            ? await callFunction('followUps', cursor ? { after: cursor } : {})
            : await callFunction('fanBook', { ...query, ...(cursor ? { after: cursor } : {}) })
        if (!res.ok) {
          setError(res.message)
          setStatus('error')
          return
        }
        got = [...got, ...res.data.rows]
        cursor = res.data.next ?? undefined
        if ('total' in res.data) setTotal(res.data.total)
        if (!cursor || got.length - keep.length >= 10) break
      }
      setRows(got)
      setNext(cursor ?? null)
      setStatus('ok')
    },
    [tab, query]
  )
  useEffect(() => {
    void load(undefined, [])
  }, [load, refresh])

  const search = () => {
    const lastVisit = LAST_VISIT[visit].value
    const minSpendFen = SPEND[spend].value
    setQuery({
      ...(q.trim() ? { q: q.trim() } : {}),
      ...(tag.trim() ? { tag: tag.trim() } : {}),
      ...(lastVisit ? { lastVisit } : {}),
      ...(minSpendFen ? { minSpendFen } : {}),
      ...(dueOnly ? { due: true as const } : {})
    })
    setTab('book')
  }

  return (
    <View className='page book'>
      <View className='book-tabs row'>
        <Button className={`btn btn-small ${tab === 'due' ? 'btn-primary' : 'btn-ghost'} book-tab-due`} onClick={() => setTab('due')}>
          今日跟进
        </Button>
        <Button className={`btn btn-small ${tab === 'book' ? 'btn-primary' : 'btn-ghost'} book-tab-book`} onClick={() => setTab('book')}>
          顾客名册
        </Button>
      </View>
      {tab === 'book' ? (
        <View className='card book-search'>
          <Input
            className='book-q'
            placeholder='昵称 / 会员码 / 手机尾号'
            value={q}
            onInput={(e) => setQ(e.detail.value)}
            confirmType='search'
            onConfirm={search}
          />
          <Input className='book-tag-input' placeholder='标签（可选）' value={tag} onInput={(e) => setTag(e.detail.value)} />
          <View className='row book-filters'>
            <Picker mode='selector' range={LAST_VISIT.map((x) => x.label)} value={visit} onChange={(e) => setVisit(Number(e.detail.value))}>
              <Text className='book-filter'>{LAST_VISIT[visit].label}</Text>
            </Picker>
            <Picker mode='selector' range={SPEND.map((x) => x.label)} value={spend} onChange={(e) => setSpend(Number(e.detail.value))}>
              <Text className='book-filter'>{SPEND[spend].label}</Text>
            </Picker>
          </View>
          <View className='row'>
            <Text>只看待跟进</Text>
            <Switch className='book-due-only' checked={dueOnly} onChange={(e) => setDueOnly(e.detail.value)} />
          </View>
          <Button className='btn btn-primary book-search-go' onClick={search}>
            搜索
          </Button>
          {/* the total counts search, tag and visit matches; spend and due are checked page by page */}
          {total !== null && !query.due && query.minSpendFen === undefined ? <Text className='muted book-total'>共 {total} 位顾客符合条件</Text> : null}
        </View>
      ) : null}
      {status === 'error' ? <PageState kind='error' message={error} onRetry={() => void load(undefined, [])} /> : null}
      {status === 'ok' && rows.length === 0 ? (
        <PageState kind='empty' title={tab === 'due' ? '今天没有待跟进的顾客' : '没有找到顾客'} className='book-empty' />
      ) : null}
      {rows.map((r) => (
        <FanRow key={r.memberCode} row={r} />
      ))}
      {next ? (
        <Button
          className='btn btn-ghost book-more'
          loading={status === 'loading'}
          disabled={status === 'loading' || undefined}
          onClick={() => void load(next, rows)}
        >
          加载更多
        </Button>
      ) : null}
    </View>
  )
}
