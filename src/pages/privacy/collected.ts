/**
 * What the privacy page declares, one row per kind of record. Keep it true to the code: nearbyStores
 * takes the location for one query and writes nothing; bindPhone keeps only a hash (fanPhones), fanProfile
 * the consented fields (and a phone's last 4 digits);
 * deleteMyData (src/functions/_lib/privacy-erase.ts) decides the "after deletion" column; the abuse
 * limits (src/functions/_lib/rate-limit.ts) keep attempt counts per window, keyed by code or device hash.
 */
export interface Collected {
  what: string
  why: string
  kept: string
}

export const COLLECTED: Collected[] = [
  {
    what: '微信身份标识（openid，仅本小程序可用）',
    why: '识别是您本人，作为您所有记录的归属；昵称、头像只在您自己填写时保存（见下）',
    kept: '直到您删除数据'
  },
  {
    what: '会员码、首次到店门店、成为粉丝的方式、为您服务的导购',
    why: '结账时认出您，把您记在带您来的导购名下',
    kept: '直到您删除数据；删除后不再保留'
  },
  {
    what: '到店记录（门店、时间、当时服务的导购）',
    why: '统计门店客流与导购业绩，判断专属导购归属',
    kept: '删除后匿名保留，只用于门店统计，无法再关联到您'
  },
  {
    what: '优惠券（发放、使用、撤销核销）与消费金额',
    why: '发券、核销只能一次、计算复购',
    kept: '删除后匿名保留；未使用的券随之作废'
  },
  {
    what: '手机号（仅在您主动绑定时）',
    why: '结账时可报手机号代替会员码',
    kept: '只保存号码的哈希值，不保存号码本身；删除数据时一并删除'
  },
  {
    what: '向导购展示的昵称、头像、手机尾号（后 4 位）、生日月份（仅在您于“我的”里填写时，每项单独可选）',
    why: '让为您服务的导购认出您，生日当月与您联系；手机尾号只保存后 4 位',
    kept: '撤回某一项即删除该项，导购立即看不到；删除数据时全部删除'
  },
  {
    what: '导购为您记的标签、备注和跟进记录（发券、提醒、回访）',
    why: '导购记住您的喜好，在合适的时候联系您；只有您的专属导购和其门店店长、品牌运营能看到',
    kept: '可在“导出我的数据”中查看；删除数据时备注和标签删除，跟进记录匿名保留（不含备注），只用于导购统计'
  },
  {
    what: '加入门店社群、在微信群里打开门店卡片',
    why: '发进群礼券，统计社群效果',
    kept: '入群记录删除后匿名保留；群内打开记录直接删除'
  },
  {
    what: '优惠提醒订阅次数',
    why: '微信每次授权只允许发一条提醒，我们自己记次数',
    kept: '用完或删除数据时删除'
  },
  {
    what: '扫码与核销的次数，以及手机型号的摘要（由型号、系统、屏幕算出，不含任何可识别您的信息）',
    why: '防止刷码：同一手机短时间内带来大量新粉时交由店长核实',
    kept: '只按分钟或小时计数，时段结束后陆续删除'
  },
  {
    what: '大致位置（仅“附近门店”页面，需您授权）',
    why: '按距离排列门店',
    kept: '只用于当次查询，不保存'
  },
  {
    what: '删除数据后：一段由您的微信身份加密算出的摘要（不含身份本身，无法还原）',
    why: '您再次扫码时不重复发放新人礼券、不重复算作导购的新粉丝；此前的会员码和券码不会再出现',
    kept: '删除数据后保留'
  }
]
