import { Text, View } from '@tarojs/components'

// Placeholder until this journey's page lands.
export default function Page() {
  return (
    <View className='page'>
      <Text>记录消费：即将上线</Text>
    </View>
  )
}
