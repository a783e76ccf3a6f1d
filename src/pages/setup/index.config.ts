export default definePageConfig({ navigationBarTitleText: '认领品牌' })
