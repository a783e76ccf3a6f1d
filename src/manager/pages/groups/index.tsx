import { Text, View } from '@tarojs/components'

// Placeholder until this journey's page lands.
export default function Page() {
  return (
    <View className='page'>
      <Text>社群活码：即将上线</Text>
    </View>
  )
}
