// Shopper pages stay in the main package (they open from a scan, so they must load fast);
// staff and manager pages are subpackages that only employees ever download.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/checkin/index', 'pages/me/index', 'pages/nearby/index', 'pages/wallet/index'],
  subPackages: [
    { root: 'staff', pages: ['pages/code/index', 'pages/fans/index', 'pages/redeem/index', 'pages/kpi/index'] },
    { root: 'manager', pages: ['pages/overview/index', 'pages/coupons/index', 'pages/stores/index', 'pages/dashboard/index', 'pages/team/index'] }
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f7',
    navigationBarBackgroundColor: '#07c160',
    navigationBarTitleText: 'fanloop 粉丝通',
    navigationBarTextStyle: 'white'
  },
  // Location is added here (getFuzzyLocation) together with the nearby-stores page, not before.
  requiredPrivateInfos: [],
  __usePrivacyCheck__: true
})
