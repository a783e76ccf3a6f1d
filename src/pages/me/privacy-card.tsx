import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useState } from 'react'
import DeleteData from '../privacy/delete-data'

/**
 * 隐私与数据 on 我的: the privacy notice, the export (on the privacy page, which starts it), and the
 * deletion, confirmed right here. Shown to everyone: someone who never became a fan may still have records.
 */
export default function PrivacyCard({ onDeleted }: { onDeleted: () => void }) {
  const [deleting, setDeleting] = useState(false)
  return (
    <View>
      <View className='card me-privacy'>
        <View className='section-title'>隐私与数据</View>
        <Button className='btn btn-ghost me-privacy-policy' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
          隐私说明
        </Button>
        <Button className='btn btn-ghost me-privacy-export' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index?action=export' })}>
          导出我的数据
        </Button>
        {deleting ? null : (
          <Button className='btn btn-ghost me-privacy-delete' onClick={() => setDeleting(true)}>
            删除我的数据
          </Button>
        )}
      </View>
      {deleting ? <DeleteData startConfirming onDone={onDeleted} /> : null}
    </View>
  )
}
