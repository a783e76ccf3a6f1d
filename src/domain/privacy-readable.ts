/**
 * The shopper's data export as a person reads it: Chinese labels, China-time dates, money in yuan and
 * kinds in words. The structured export (contract MyData) stays as it is for the page; this is what the
 * file holds. A field without a label keeps its name, and a unit test fails on any English key left, so
 * a field added to the export gets its label here.
 */

const LABELS: Record<string, string> = {
  exportedAt: '导出时间',
  cap: '每类最多导出条数',
  fan: '粉丝档案',
  memberCode: '会员码',
  channel: '成为粉丝的方式',
  firstStore: '首次到店门店',
  lastStore: '最近到店门店',
  capturingStaff: '带您来的导购',
  ownerStaff: '专属导购',
  boundAt: '专属导购绑定时间',
  createdAt: '成为粉丝时间',
  lastVisitAt: '最近到店时间',
  visits: '到店记录',
  staff: '员工身份',
  name: '姓名',
  store: '门店',
  role: '角色',
  at: '时间',
  servingStaff: '服务导购',
  coupons: '优惠券',
  title: '名称',
  code: '券码',
  state: '状态',
  issuedAt: '领取时间',
  validUntil: '有效期至',
  redeemedAt: '使用时间',
  occasion: '发放原因',
  redemptions: '核销记录',
  amountFen: '金额',
  undone: '已撤销',
  sales: '消费记录',
  source: '记录方式',
  bindingEvents: '专属导购变化',
  from: '原导购',
  to: '新导购',
  reason: '原因',
  groupJoins: '加入的社群',
  joinedAt: '加入时间',
  group: '社群',
  groupSightings: '在微信群里打开门店卡片',
  firstSeenAt: '首次打开时间',
  lastSeenAt: '最近打开时间',
  phoneBound: '手机号',
  reminderConsents: '优惠提醒剩余次数',
  total: '共计',
  rows: '明细',
  truncated: '只导出了最近的部分',
  // the customer book (issue 21): what the fan chose to show their staff, and what staff kept about them
  book: '导购顾客名册',
  profile: '向导购展示的资料',
  nickname: '昵称',
  avatarUrl: '头像',
  phoneTail: '手机尾号',
  birthMonth: '生日月份',
  tags: '导购打的标签',
  notes: '导购备注',
  text: '内容',
  followUps: '导购跟进记录',
  action: '跟进方式',
  note: '跟进说明'
}

const WORDS: Record<string, Record<string, string>> = {
  channel: { store_code: '扫门店码', staff_code: '扫导购码', shared_card: '导购分享的卡片', group: '社群' },
  state: { usable: '可使用', used: '已使用', expired: '已过期' },
  source: { coupon: '核销优惠券', staff: '导购记录', pos: '收银系统' },
  role: { staff: '导购', manager: '店长' },
  occasion: { welcome: '新粉欢迎礼', group_join: '进群礼', win_back: '回流召回', manual: '导购发放' },
  reason: {
    new_fan: '成为粉丝',
    first_capture: '首次扫码',
    unowned: '原无专属导购',
    protection_lapsed: '保护期已过，扫了其他导购的码',
    last_scan: '扫了其他导购的码',
    validity_lapsed: '长期未到店，归门店',
    window_lapsed: '超出归属期，归门店',
    transfer: '导购离职转交',
    flag_approved: '异常码复核后计入',
    lapsed_60: '60 天未消费',
    lapsed_30: '30 天未消费',
    coupon_expiring: '优惠券即将过期',
    birthday: '生日月',
    new_no_purchase: '成为粉丝后还未消费',
    manual: '导购主动联系'
  },
  action: { coupon: '发了优惠券', remind: '发了提醒', done: '已联系' }
}

const isTime = (key: string) => key === 'at' || key.endsWith('At') || key === 'validUntil'
const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-12-07 09:30", China time (UTC+8, no daylight saving), whatever the server's zone. */
export function chinaDateTimeText(ms: number): string {
  const d = new Date(ms + 8 * 3600_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

function value(key: string, v: unknown): unknown {
  if (v === null || v === undefined) return key === 'fan' || key === 'staff' ? '无' : '—'
  if (Array.isArray(v)) return v.map((x) => value('', x))
  if (typeof v === 'object') return readableObject(v as Record<string, unknown>)
  if (typeof v === 'number' && isTime(key)) return chinaDateTimeText(v)
  if (typeof v === 'number' && key === 'amountFen') return `¥${(v / 100).toFixed(2)}`
  if (typeof v === 'boolean') return key === 'phoneBound' ? (v ? '已绑定（只保存号码的哈希值）' : '未绑定') : v ? '是' : '否'
  if (typeof v === 'string' && WORDS[key]) return WORDS[key][v] ?? v
  return v
}

function readableObject(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  // the fan's `visits` is a count, the export's `visits` the list of them
  for (const [k, v] of Object.entries(o)) out[k === 'visits' && typeof v === 'number' ? '到店次数' : (LABELS[k] ?? k)] = value(k, v)
  return out
}

/** Any export-shaped object (MyData and fields added to it later) in a person's words. */
export function readableExport(data: object): Record<string, unknown> {
  return readableObject(data as Record<string, unknown>)
}
