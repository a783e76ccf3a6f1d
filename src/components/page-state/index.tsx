import { Button, Text, View } from '@tarojs/components'
import type { CallState } from '../../hooks/useCall'
import './index.scss'

export type PageStateKind = 'loading' | 'error' | 'empty' | 'forbidden'

interface PageStateProps {
  kind: PageStateKind
  title?: string
  message?: string
  retryText?: string
  onRetry?: () => void
  /** extra class so end-to-end tests can tell one state from another */
  className?: string
}

const DEFAULT_TITLE: Record<PageStateKind, string> = {
  loading: '加载中…',
  error: '出错了',
  empty: '暂无内容',
  forbidden: '没有权限'
}

// Plain glyphs, not emoji: phones and headless browsers without an emoji font show boxes instead.
const ICON: Record<PageStateKind, string> = { loading: '…', error: '!', empty: 'i', forbidden: '×' }

/** One look for "not ready yet" across pages: loading, error with retry, empty, forbidden. */
export default function PageState({ kind, title, message = '', retryText = '重试', onRetry, className = '' }: PageStateProps) {
  return (
    <View className={`page-state page-state-${kind} ${className}`}>
      <View className='page-state-icon'>{ICON[kind]}</View>
      <Text className='page-state-title'>{title ?? DEFAULT_TITLE[kind]}</Text>
      {message ? <Text className='page-state-message'>{message}</Text> : null}
      {onRetry ? (
        <Button className='btn btn-primary btn-small page-state-retry' onClick={onRetry}>
          {retryText}
        </Button>
      ) : null}
    </View>
  )
}

interface CallStatusProps<T> {
  state: CallState<T>
  onRetry?: () => void
  loadingText?: string
}

/** Maps a call that has not succeeded (yet) to the matching PageState; renders nothing once it has. */
export function CallStatus<T>({ state, onRetry, loadingText }: CallStatusProps<T>) {
  if (state.status === 'ok') return null
  if (state.status === 'idle' || state.status === 'loading') return <PageState kind='loading' title={loadingText} />
  if (state.code === 'FORBIDDEN') {
    return <PageState kind='forbidden' message='此页面仅对授权的员工开放，如需开通请联系店长' className='forbidden' />
  }
  return <PageState kind='error' message={state.message} onRetry={onRetry} className='call-error' />
}
