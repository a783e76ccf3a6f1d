export default definePageConfig({ navigationBarTitleText: '团队与二维码' })
