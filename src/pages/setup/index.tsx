import { useState } from 'react'
import Taro, { getCurrentInstance } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { callFunction } from '../../api/client'
import type { OutputOf } from '../../contract'
import '../invite/index.scss'

/**
 * The go-live page: the operator's one-time setup code (printed by npm run deploy) makes whoever enters
 * it first the brand manager. A code may arrive in the path (`?code=`) when the operator shares a link.
 */
export default function SetupPage() {
  const params = (getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
  const [code, setCode] = useState(() => (params.code ? decodeURIComponent(params.code) : ''))
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [claimed, setClaimed] = useState<OutputOf<'claimBrand'> | null>(null)

  const claim = async () => {
    setBusy(true)
    setError('')
    const res = await callFunction('claimBrand', { code: code.trim(), name: name.trim() })
    setBusy(false)
    if (res.ok) setClaimed(res.data)
    else setError(res.message)
  }

  if (claimed) {
    return (
      <View className='page setup'>
        <View className='card onboard-done setup-done'>
          <View className='section-title'>品牌已认领</View>
          <Text className='onboard-line'>{claimed.name}，你现在是品牌管理员。下一步：添加门店，邀请店长和导购。</Text>
          <Button className='btn btn-primary setup-go-stores' onClick={() => Taro.redirectTo({ url: '/manager/pages/stores/index' })}>
            门店管理
          </Button>
          <Button className='btn btn-ghost setup-go-team' onClick={() => Taro.redirectTo({ url: '/manager/pages/team/index' })}>
            邀请团队
          </Button>
        </View>
      </View>
    )
  }
  return (
    <View className='page setup'>
      <View className='card setup-card'>
        <View className='section-title'>认领品牌</View>
        <Text className='muted onboard-line'>输入部署时生成的初始化码。第一位输入正确的人成为品牌管理员，之后初始化码即失效。</Text>
        <Input className='onboard-field setup-code' value={code} maxlength={64} placeholder='初始化码' onInput={(e) => setCode(e.detail.value)} />
        <Input className='onboard-field setup-name' value={name} maxlength={20} placeholder='你的姓名' onInput={(e) => setName(e.detail.value)} />
        <Button className='btn btn-primary setup-claim' disabled={busy || !code.trim() || !name.trim() ? true : undefined} onClick={claim}>
          认领品牌
        </Button>
      </View>
      {error ? <Text className='onboard-error setup-error'>{error}</Text> : null}
    </View>
  )
}
