import { AppError } from './errors'
import { openData } from './open-data'

type Ticket = string | { cloudID: string; data: { opengid: string } }

/**
 * The WeChat group's openGId from a share ticket's cloudID. Two shapes arrive: the cloudID string, which
 * we decrypt with cloud.getOpenData (on the local cloud: the documented `local-cloudid:` stand-in), or a
 * `wx.cloud.CloudID` the platform has already replaced by `{ cloudID, data }`. A client can send that
 * replaced shape by hand, so where it matters (`verified`) its cloudID is decrypted again instead of trusted.
 */
export async function resolveOpenGId(ticket: Ticket, opts: { verified: boolean }): Promise<string> {
  if (typeof ticket !== 'string' && !opts.verified) return ticket.data.opengid
  const cloudID = typeof ticket === 'string' ? ticket : ticket.cloudID
  const data = await openData(cloudID)
  const opengid = typeof data?.opengid === 'string' && data.opengid.length > 0 ? data.opengid : null
  if (!opengid) throw new AppError('INVALID_CODE', '群信息已过期，请从群里的卡片重新打开')
  return opengid
}
