// Shopper pages stay in the main package (they open from a scan, so they must load fast);
// staff and manager pages are subpackages that only employees ever download.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/checkin/index',
    'pages/me/index',
    'pages/nearby/index',
    'pages/wallet/index',
    'pages/group/index',
    'pages/privacy/index',
    'pages/invite/index',
    'pages/setup/index'
  ],
  subPackages: [
    {
      root: 'staff',
      pages: ['pages/code/index', 'pages/fans/index', 'pages/redeem/index', 'pages/kpi/index', 'pages/sale/index', 'pages/book/index', 'pages/fan/index']
    },
    {
      root: 'manager',
      pages: [
        'pages/overview/index',
        'pages/coupons/index',
        'pages/stores/index',
        'pages/dashboard/index',
        'pages/team/index',
        'pages/groups/index',
        'pages/repurchase/index'
      ]
    }
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f7',
    navigationBarBackgroundColor: '#07c160',
    navigationBarTitleText: 'fanloop 粉丝通',
    navigationBarTextStyle: 'white'
  },
  // The nearby page ranks stores by distance: fuzzy location is enough and is what the platform approves
  // for this use (getLocation is reserved for some categories). It cannot be declared with getLocation.
  // chooseLocation (managers pick a store's point on the map) may be declared beside it and needs no
  // scope grant, only the privacy guide entry and 接口设置 in the admin console.
  requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation'],
  permission: {
    'scope.userFuzzyLocation': { desc: '用于查找离你最近的门店并按距离排序' }
  },
  __usePrivacyCheck__: true
})
