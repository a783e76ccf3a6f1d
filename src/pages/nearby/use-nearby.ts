import { useCallback, useEffect, useState } from 'react'
import type { InputOf, OutputOf } from '../../contract'
import { useCall } from '../../hooks/useCall'
import { grantLater, locate, type Located } from './location'

type Answer = OutputOf<'nearbyStores'>
export type NearbyQuery = { longitude: number; latitude: number } | { city?: string }
const PAGE_SIZE = 10

/** Locates once on mount (the only place the app asks for location); `regrant` after a refusal. */
export function useLocated() {
  const [located, setLocated] = useState<Located | null>(null)
  useEffect(() => {
    let live = true
    locate().then((l) => live && setLocated(l))
    return () => {
      live = false
    }
  }, [])
  /** true when location is allowed now (and the page has located again) */
  const regrant = useCallback(async (): Promise<boolean> => {
    if (!(await grantLater())) return false
    setLocated(await locate())
    return true
  }, [])
  return { located, regrant }
}

/**
 * One query's stores, page after page: the first page replaces the list, "more" appends the next.
 * `query: null` waits (still locating).
 */
export function useNearbyStores(query: NearbyQuery | null) {
  const queryKey = JSON.stringify(query)
  // the page number belongs to one query: a new query starts at page 0 in the same render
  const [paging, setPaging] = useState({ key: queryKey, page: 0 })
  const page = paging.key === queryKey ? paging.page : 0
  const [stores, setStores] = useState<Answer['stores']>([])
  const [last, setLast] = useState<Answer | null>(null)
  const input: InputOf<'nearbyStores'> | null = query ? { ...query, page, pageSize: PAGE_SIZE } : null
  const call = useCall('nearbyStores', input)
  const answer = call.state.status === 'ok' ? call.state.data : null
  useEffect(() => {
    if (!answer) return
    setLast(answer)
    setStores((prev) => (answer.page === 0 ? answer.stores : [...prev, ...answer.stores]))
  }, [answer])
  const more = useCallback(() => setPaging({ key: queryKey, page: page + 1 }), [queryKey, page])
  // while a later page loads, keep showing what is there (list, cities, mode)
  const meta = answer ?? (page > 0 ? last : null)
  return { call, meta, loadingMore: page > 0 && !answer, stores: answer?.page === 0 ? answer.stores : page > 0 ? stores : [], more }
}
