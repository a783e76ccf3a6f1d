import { Text, View } from '@tarojs/components'

// Placeholder until the privacy journey's page lands.
export default function Page() {
  return (
    <View className='page'>
      <Text>隐私说明：即将上线</Text>
    </View>
  )
}
