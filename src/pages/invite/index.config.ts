export default definePageConfig({ navigationBarTitleText: '加入团队' })
