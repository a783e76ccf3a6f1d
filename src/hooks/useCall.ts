import { useCallback, useEffect, useRef, useState } from 'react'
import { callFunction } from '../api/client'
import type { ErrorCode, FunctionName, InputOf, OutputOf, Result } from '../contract'
import { usePersona } from '../stores/persona'

export type CallState<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; code: ErrorCode; message: string }

interface Flight<T> {
  key: string
  promise: Promise<Result<T>>
}

/**
 * Calls a cloud function when the page mounts and again whenever the input (or, on H5, the persona)
 * changes; `input: null` means "do not call". The request in flight is kept in a ref so React 18's
 * StrictMode double effects re-subscribe to it instead of calling twice: a check-in must be one call.
 */
export function useCall<N extends FunctionName>(name: N, input: InputOf<N> | null) {
  const openid = usePersona((s) => s.openid)
  const key = input === null ? null : `${name}|${openid}|${JSON.stringify(input)}`
  const [state, setState] = useState<CallState<OutputOf<N>>>(key === null ? { status: 'idle' } : { status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const flight = useRef<Flight<OutputOf<N>> | null>(null)
  const latestInput = useRef(input)
  latestInput.current = input

  useEffect(() => {
    if (key === null || latestInput.current === null) {
      setState({ status: 'idle' })
      return undefined
    }
    const flightKey = `${key}#${attempt}`
    if (flight.current?.key !== flightKey) {
      flight.current = { key: flightKey, promise: callFunction(name, latestInput.current) }
      setState({ status: 'loading' })
    }
    let live = true
    flight.current.promise.then((res) => {
      if (live) setState(res.ok ? { status: 'ok', data: res.data } : { status: 'error', code: res.code, message: res.message })
    })
    return () => {
      live = false
    }
  }, [name, key, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload, setState }
}
