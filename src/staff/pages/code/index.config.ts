// Taro registers the page's onShareAppMessage only when the page config asks for it.
export default definePageConfig({ navigationBarTitleText: '我的导购码', enableShareAppMessage: true })
