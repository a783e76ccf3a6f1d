export default definePageConfig({ navigationBarTitleText: '复购分析' })
