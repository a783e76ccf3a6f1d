import { Image, Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../contract'
import CodePoster from '../../../components/staff-poster'

/** The store's own code, and a poster of it to save and print for the till. */
export default function StoreCodeCard({ code }: { code: OutputOf<'storeCode'> }) {
  return (
    <View className='card team-store-code'>
      <View className='section-title'>{code.storeName} 门店码</View>
      <Image className='team-qr' src={code.qrUrl} mode='scaleToFill' showMenuByLongpress />
      <Text className='muted'>生成海报后打印，放在收银台，顾客扫码即成为门店粉丝</Text>
      <CodePoster
        brandName={code.brandName ?? code.storeName}
        storeName={code.storeName}
        headline='欢迎光临，扫码成为门店粉丝'
        tagline='新品、活动、到店好礼第一时间知道'
        qrUrl={code.qrUrl}
        fileName={`门店码海报-${code.storeName}`}
        label='生成门店码海报'
      />
    </View>
  )
}
