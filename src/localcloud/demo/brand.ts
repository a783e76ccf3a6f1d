import type { CouponTemplateDoc, StaffDoc, StoreDoc } from '../../functions/_lib/docs'

/** One brand in Shanghai: real-looking GCJ-02 coordinates near each address. */
const store = (id: string, name: string, address: string, lng: number, lat: number, phone: string): StoreDoc => ({
  _id: id,
  name,
  city: '上海',
  address,
  location: { longitude: lng, latitude: lat },
  hours: '10:00-22:00',
  phone,
  active: true,
  codeVersion: 1
})

export const BRAND_NAME = '拾光咖啡'

export const STORES: StoreDoc[] = [
  store('st01', '静安寺店', '上海市静安区南京西路1618号', 121.44562, 31.22347, '021-62881618'),
  store('st02', '人民广场店', '上海市黄浦区南京东路300号', 121.47861, 31.23859, '021-63220300'),
  store('st03', '徐家汇店', '上海市徐汇区漕溪北路88号', 121.43762, 31.19462, '021-64270088'),
  store('st04', '陆家嘴店', '上海市浦东新区世纪大道88号', 121.50553, 31.23634, '021-58880088'),
  store('st05', '五角场店', '上海市杨浦区邯郸路600号', 121.51421, 31.30348, '021-65110600'),
  store('st06', '中山公园店', '上海市长宁区长宁路1018号', 121.41853, 31.21972, '021-62101018')
]

const STAFF_NAMES = ['王芳', '李娜', '张伟', '刘洋', '陈晨', '杨帆', '赵敏', '黄磊', '周婷', '吴昊', '徐静', '孙悦']

export const STAFF: StaffDoc[] = [
  ...STAFF_NAMES.map((name, i): StaffDoc => ({
    _id: `sf${String(i + 1).padStart(2, '0')}`,
    openid: `demo-staff-${i + 1}`,
    name,
    storeId: STORES[Math.floor(i / 2)]._id,
    role: 'staff',
    active: true,
    codeVersion: 1
  })),
  { _id: 'mg01', openid: 'demo-manager', name: '陈静', storeId: 'st01', role: 'manager', managesStoreIds: null, active: true, codeVersion: 1 },
  { _id: 'mg02', openid: 'demo-store-manager', name: '林涛', storeId: 'st02', role: 'manager', managesStoreIds: ['st02'], active: true, codeVersion: 1 }
]

export const TEMPLATES: CouponTemplateDoc[] = [
  {
    _id: 'tpl-welcome',
    title: '新粉专享 满30减10',
    kind: 'amount_off',
    value: 1000,
    thresholdFen: 3000,
    validity: { type: 'days', days: 14 },
    stock: null,
    issued: 0,
    perFanLimit: 1,
    trigger: 'welcome',
    storeIds: null,
    paused: false
  },
  {
    _id: 'tpl-group',
    title: '进群礼 任意饮品9折',
    kind: 'percent_off',
    value: 90,
    thresholdFen: 0,
    validity: { type: 'days', days: 30 },
    stock: 5000,
    issued: 0,
    perFanLimit: 1,
    trigger: 'group_join',
    storeIds: null,
    paused: false
  }
]

/** The identities the H5 persona switcher offers (local cloud only). */
export const PERSONAS = [
  { openid: 'demo-shopper-1', label: '顾客 小林（老粉丝）', role: 'shopper' },
  { openid: 'demo-shopper-2', label: '顾客 小周（还没来过）', role: 'shopper' },
  { openid: 'demo-staff-1', label: '导购 王芳 · 静安寺店', role: 'staff' },
  { openid: 'demo-staff-3', label: '导购 张伟 · 人民广场店', role: 'staff' },
  { openid: 'demo-store-manager', label: '店长 林涛 · 人民广场店', role: 'manager' },
  { openid: 'demo-manager', label: '品牌运营 陈静（全部门店）', role: 'manager' }
] as const
