export default definePageConfig({ navigationBarTitleText: '社群活码' })
