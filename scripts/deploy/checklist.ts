/**
 * What only the mini-program admin console (mp.weixin.qq.com) can do; no management API reaches it.
 * Each item says where to click. Kept beside the code it describes: the keyword layouts are the `data`
 * keys that src/functions/_lib/sales-winback.ts and group-warn.ts send, and the privacy entries follow
 * the APIs the pages call (app.config.ts requiredPrivateInfos, chooseMedia, setClipboardData, getPhoneNumber).
 */
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './desired'

/** __usePrivacyCheck__ and the privacy-guide APIs (wx.onNeedPrivacyAuthorization) need 2.32.3; getFuzzyLocation 2.25.0. */
export const MIN_BASE_LIBRARY = '2.32.3'

export function checklist(appId = readAppId()): string[] {
  const appLine =
    appId === 'touristappid'
      ? `App id: project.config.json still says "touristappid": put the mini program's AppID there (开发管理 → 开发设置 → AppID) before --weapp or DevTools.`
      : `App id: project.config.json uses ${appId}; it must be the mini program bound to this cloud env (云开发控制台 → 设置 → 环境设置).`
  return [
    appLine,
    '用户隐私保护指引 (设置 → 基本设置 → 服务内容声明 → 用户隐私保护指引 → 更新): declare 位置信息 (nearby stores, getFuzzyLocation; managers pick a store point, chooseLocation), 选中的照片或视频信息 / 相册 (managers upload group QR images, chooseMedia; staff save posters, saveImageToPhotosAlbum), 剪切板 (CSV links and data export, setClipboardData), 手机号 (bind phone for POS sales, getPhoneNumber).',
    '接口设置 (开发管理 → 接口设置 → 地理位置): apply for wx.getFuzzyLocation (reason: 按距离展示附近门店) and wx.chooseLocation (reason: 店长设置门店位置).',
    '手机号快速验证 (基础信息 / 手机号快速验证组件): enable it and keep a balance; bindPhone decrypts the cloudID it returns.',
    '订阅消息 (功能 → 订阅消息 → 选用): two one-time templates, their ids into FANLOOP_WINBACK_TEMPLATE_ID and FANLOOP_GROUP_EXPIRY_TEMPLATE, then deploy again and build the weapp with the same variables:',
    '    win-back reminder (e.g. 优惠券到账提醒) with keywords thing1 = 优惠券名称 (≤20 chars), thing2 = 温馨提示 (≤20 chars); opens pages/wallet/index',
    '    group-code expiry (e.g. 到期提醒) with keywords thing1 = 提醒内容, date2 = 到期时间 (YYYY-MM-DD HH:mm), thing3 = 备注; opens manager/pages/groups/index',
    "Server domains (开发管理 → 开发设置 → 服务器域名): none needed. All calls go through wx.cloud; QR and poster images are cloud temp URLs (download them with getImageInfo only where the poster draws them: add the env's tcb.qcloud.la download domain to downloadFile if posters fail to draw).",
    `Minimum base library (设置 → 基本设置 → 基础库最低版本设置): ${MIN_BASE_LIBRARY}.`,
    "Claim the brand: open the mini program's setup page (pages/setup/index) with the setup code printed above; the first person to do so becomes brand manager and the code stops working. Then 团队与二维码 → 邀请 invites store managers and staff."
  ]
}

function readAppId(): string {
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid?: string }
  return file.appid ?? 'touristappid'
}
