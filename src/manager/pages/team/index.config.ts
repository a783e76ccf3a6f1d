// enableShareAppMessage: the 邀请 section shares an invite card (useShareAppMessage in invites.tsx).
export default definePageConfig({ navigationBarTitleText: '团队与二维码', enableShareAppMessage: true })
