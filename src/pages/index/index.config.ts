export default definePageConfig({ navigationBarTitleText: 'fanloop 粉丝通' })
