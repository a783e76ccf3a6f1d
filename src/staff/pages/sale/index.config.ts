export default definePageConfig({ navigationBarTitleText: '记录消费' })
