import { cloud } from './cloud'
import { AppError } from './errors'

type Ticket = string | { cloudID: string; data: { opengid: string } }

/** getOpenData's `json` is the decrypted JSON, as an object or (depending on SDK version) a string. */
function opengidOf(json: unknown): string | null {
  const parsed = typeof json === 'string' ? (JSON.parse(json) as unknown) : json
  const data = (parsed as { data?: { opengid?: unknown } } | null)?.data
  return typeof data?.opengid === 'string' && data.opengid.length > 0 ? data.opengid : null
}

/**
 * The WeChat group's openGId from a share ticket's cloudID. Two shapes arrive: the cloudID string, which
 * we decrypt with cloud.getOpenData (on the local cloud: the documented `local-cloudid:` stand-in), or a
 * `wx.cloud.CloudID` the platform has already replaced by `{ cloudID, data }`. A client can send that
 * replaced shape by hand, so where it matters (`verified`) its cloudID is decrypted again instead of trusted.
 */
export async function resolveOpenGId(ticket: Ticket, opts: { verified: boolean }): Promise<string> {
  if (typeof ticket !== 'string' && !opts.verified) return ticket.data.opengid
  const cloudID = typeof ticket === 'string' ? ticket : ticket.cloudID
  let opengid: string | null = null
  try {
    const res = await cloud.getOpenData({ list: [cloudID] })
    opengid = opengidOf(res.list[0]?.json)
  } catch {
    opengid = null
  }
  if (!opengid) throw new AppError('INVALID_CODE', '群信息已过期，请从群里的卡片重新打开')
  return opengid
}
