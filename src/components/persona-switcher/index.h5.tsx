import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { usePersona, type Persona } from '../../stores/persona'
import { ROLE_LABEL } from '../format'
import type { PersonaSwitcherProps } from './index'
import './index.scss'

type Load = { status: 'loading' } | { status: 'ok'; personas: Persona[] } | { status: 'error' }

/** openids end up in class names that tests select on; keep them selector-safe. */
const classSafe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-')

const freshOpenid = () => `h5-${Math.random().toString(36).slice(2, 10)}`

/** Dev-only identity switcher: the local cloud trusts x-wx-openid, so "who am I" is a button here. */
export default function PersonaSwitcher({ onChange }: PersonaSwitcherProps) {
  const { openid, setOpenid } = usePersona()
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  useEffect(() => {
    let live = true
    fetch(`${FANLOOP_LOCAL_CLOUD_URL}/dev/personas`)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
      .then((body: { personas?: Persona[] }) => live && setLoad({ status: 'ok', personas: body.personas ?? [] }))
      .catch(() => live && setLoad({ status: 'error' }))
    return () => {
      live = false
    }
  }, [])

  const choose = (next: string) => {
    setOpenid(next)
    onChange?.(next)
  }
  const personas = load.status === 'ok' ? load.personas : []
  const known = personas.some((p) => p.openid === openid)

  return (
    <View className='persona-switcher'>
      <View className='persona-switcher-head'>
        <Text className='persona-switcher-title'>开发身份切换（仅本地云）</Text>
        <Text className='persona-current'>当前：{known ? personas.find((p) => p.openid === openid)?.label : openid}</Text>
      </View>
      {load.status === 'loading' ? <Text className='muted'>正在读取身份列表…</Text> : null}
      {load.status === 'error' ? <Text className='muted persona-switcher-error'>本地云未连接，无法读取身份列表</Text> : null}
      <View className='persona-switcher-list'>
        {personas.map((p) => (
          <Button
            key={p.openid}
            className={`persona-button persona-${p.role} persona-id-${classSafe(p.openid)} ${p.openid === openid ? 'persona-active' : ''}`}
            onClick={() => choose(p.openid)}
          >
            {p.label}（{ROLE_LABEL[p.role]}）
          </Button>
        ))}
        <Button className='persona-button persona-new' onClick={() => choose(freshOpenid())}>
          新顾客
        </Button>
      </View>
    </View>
  )
}
