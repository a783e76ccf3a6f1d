import type { Cloud } from './session'

type Ok<T> = { ok: true; data: T }

/** The local cloud's documented cloudID stand-in, as WeChat's phone authorisation would hand one over. */
export const phoneCloudId = (phone: string): string =>
  `local-cloudid:${Buffer.from(JSON.stringify({ purePhoneNumber: phone, countryCode: '86' })).toString('base64url')}`

/** This month in China (UTC+8), as the birthday follow-up reads it. */
export const chinaMonth = (now = Date.now()): number => new Date(now + 8 * 3600_000).getUTCMonth() + 1

/** A new shopper who scanned 导购 demo-staff-1's code: a fan of hers, with a fresh openid per run. */
export async function newFanOfStaff1(cloud: Cloud, prefix: string): Promise<{ openid: string; memberCode: string }> {
  const openid = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
  const code = await cloud.call<Ok<{ scene: string }>>('staffCode', {}, 'demo-staff-1')
  await cloud.call('checkin', { scene: code.data.scene }, openid)
  const session = await cloud.call<Ok<{ fan: { memberCode: string } }>>('session', {}, openid)
  return { openid, memberCode: session.data.fan.memberCode }
}
