export default definePageConfig({ navigationBarTitleText: '店长总览' })
