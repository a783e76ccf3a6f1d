import { getCurrentInstance } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { COLLECTED } from './collected'
import DeleteData from './delete-data'
import ExportData from './export-data'
import './index.scss'

/**
 * 隐私说明 (journey 8): what we collect, why and for how long, and the shopper's two actions. Opened from
 * 我的; `?action=export` starts the export, `?action=delete` opens the deletion's confirmation.
 */
export default function Privacy() {
  const action = getCurrentInstance().router?.params?.action
  return (
    <View className='page privacy'>
      <View className='hero'>
        <Text className='hero-title'>隐私说明</Text>
        <View className='hero-sub'>我们只保存为您服务所需的最少信息，您可以随时导出或删除。</View>
      </View>
      <View className='card privacy-collected'>
        <View className='section-title'>我们收集什么、为什么、保存多久</View>
        {COLLECTED.map((c) => (
          <View key={c.what} className='privacy-item'>
            <Text className='privacy-what'>{c.what}</Text>
            <Text className='privacy-why'>用途：{c.why}</Text>
            <Text className='muted privacy-kept'>保存：{c.kept}</Text>
          </View>
        ))}
      </View>
      <View className='card privacy-location'>
        <View className='section-title'>位置</View>
        <Text className='muted'>
          只有打开“附近门店”时才会请求位置，用的是微信提供的大致位置（精确到区县一级），只用来按距离排列门店，不会保存。不授权也可以按城市查看门店。
        </Text>
      </View>
      <View className='card privacy-not-collected'>
        <View className='section-title'>我们不收集</View>
        <Text className='muted'>不读取您的微信昵称、头像、通讯录或相册；除手机号（您主动绑定时）外不保存任何联系方式。</Text>
      </View>
      <ExportData autoStart={action === 'export'} />
      <DeleteData startConfirming={action === 'delete'} />
    </View>
  )
}
