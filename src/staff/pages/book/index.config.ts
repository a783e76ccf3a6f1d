export default definePageConfig({ navigationBarTitleText: '顾客名册' })
