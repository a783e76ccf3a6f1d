/**
 * WeChat's open API, answered below the real wx-server-sdk.
 *
 * `cloud.openapi.*` and `cloud.getOpenData` encode their request as a protobuf `CommApiData` and hand it
 * to @cloudbase/node-sdk's `CloudBase.prototype.callCompatibleWxOpenApi`, which would post it to the
 * cloud's `wxopenapi` endpoint; the answer is a protobuf `CommOpenApiResp` (`respData` = 1, ...,
 * `svrkitErrorCode` = 6) that the SDK decodes, parses and turns into results or `CloudSDKError`s. That
 * method is the seam: the local cloud decodes the request with the SDK's own message classes (generated
 * protobufjs code, registered on protobufjs' default root when the SDK loads) and answers as WeChat does.
 */
import path from 'node:path'
import type { LocalPlatform } from '../platform'
import { SUBSCRIBE_REFUSALS, type PlatformFaults } from './faults'

interface PbMessage<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(data: Uint8Array): T
}

interface CommApiData {
  apiType: number
  openapiData?: { pairs: Array<{ key: string; value: Uint8Array }> }
  svrkitData?: { apiName: string; reqData: Uint8Array }
}

interface Messages {
  CommApiData: PbMessage<CommApiData> & { ApiType: Record<string, number> }
  CommOpenApiResp: PbMessage<{ respData?: Uint8Array; contentType?: string; errorCode?: number; httpCode?: number; svrkitErrorCode?: number }>
  ApiGetOpenDataByCloudIdReq: PbMessage<{ cloudidList: string[] }>
  ApiGetOpenDataByCloudIdResp: PbMessage<{ dataList: Array<{ cloudId: string; json: string }> }>
}

let messages: Messages | null = null

/** The SDK's generated message classes; present once wx-server-sdk has been required. */
export function sdkMessages(): Messages {
  if (messages) return messages
  const sdkDir = path.dirname(require.resolve('wx-server-sdk'))
  require('wx-server-sdk')
  const pb = require(require.resolve('protobufjs/minimal', { paths: [sdkDir] })) as { roots: Record<string, Partial<Messages>> }
  const root = pb.roots.default
  if (!root?.CommApiData || !root.CommOpenApiResp || !root.ApiGetOpenDataByCloudIdResp) throw new Error('wx-server-sdk protobuf messages not found')
  messages = root as Messages
  return messages
}

export interface OpenApiHost {
  platform: LocalPlatform
  faults: PlatformFaults
}

const LOCAL_CLOUD_ID = /^local-cloudid:([A-Za-z0-9_-]+)$/

function json(body: Record<string, unknown>): { respData: Buffer; contentType: string } {
  return { respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json; charset=UTF-8' }
}

/** One open API call (`openapi.<api>` with snake_case JSON pairs), answered as api.weixin.qq.com would. */
async function openApi(host: OpenApiHost, api: string, data: Record<string, unknown>): Promise<{ respData: Buffer; contentType: string }> {
  switch (api) {
    case 'wxacode.getUnlimited': {
      const scene = typeof data.scene === 'string' ? data.scene : ''
      if (scene.length === 0 || scene.length > 32) return json({ errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' })
      const page = typeof data.page === 'string' && data.page ? data.page : 'pages/index/index'
      return { respData: await host.platform.qrImage(scene, page), contentType: 'image/png' }
    }
    case 'subscribeMessage.send': {
      const refusal = host.faults.subscribe
      if (refusal) return json({ errcode: refusal, errmsg: `${SUBSCRIBE_REFUSALS[refusal]} rid: local` })
      host.platform.recordMessage({ kind: 'subscribeMessage', ...camelKeys(data) })
      return json({ errcode: 0, errmsg: 'ok' })
    }
    case 'security.getUserRiskRank':
      // No risk data offline: everyone is rank 0, the real API's "no risk".
      return json({ errcode: 0, errmsg: 'ok', risk_rank: 0, unoin_id: 0 })
    default:
      // What WeChat answers for an API the function's config.json did not declare or that does not exist.
      return json({ errcode: 40001, errmsg: `local cloud does not emulate openapi.${api}` })
  }
}

/** The outbox shows messages as the functions wrote them (templateId, not template_id). */
function camelKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]))
}

/**
 * cloudID decryption. Local cloudIDs are `local-cloudid:<base64url JSON>` and decode to that JSON (a
 * phone number's `{ phoneNumber, ... }`, a share ticket's `{ opengid }`); the platform answers each as
 * `{ cloudID, data }`. Anything else, or any cloudID while `faults.openData` is 'expired', gets the
 * entry the platform gives a cloudID past its 5 minutes: no `data`, an error code instead.
 */
function openData(host: OpenApiHost, cloudIds: string[]): Array<{ cloudId: string; json: string }> {
  return cloudIds.map((cloudID) => {
    const m = LOCAL_CLOUD_ID.exec(cloudID)
    let data: unknown = null
    if (m && host.faults.openData !== 'expired') {
      try {
        data = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'))
      } catch {
        data = null
      }
    }
    const body = data !== null && typeof data === 'object' ? { cloudID, data } : { cloudID, errCode: -601006, errMsg: 'cloudID expired or invalid' }
    return { cloudId: cloudID, json: JSON.stringify(body) }
  })
}

/** The replacement for CloudBase.prototype.callCompatibleWxOpenApi's network round trip. */
export async function answerOpenApi(host: OpenApiHost, apiName: string, requestData: Buffer): Promise<Buffer> {
  const pb = sdkMessages()
  const req = pb.CommApiData.decode(requestData)
  let resp: { respData?: Uint8Array; contentType?: string; svrkitErrorCode?: number }
  if (req.apiType === pb.CommApiData.ApiType.SVRKIT_API && req.svrkitData) {
    if (req.svrkitData.apiName !== 'ApiGetOpenDataByCloudId') {
      resp = { svrkitErrorCode: -1 }
    } else {
      const { cloudidList } = pb.ApiGetOpenDataByCloudIdReq.decode(req.svrkitData.reqData)
      resp = { respData: pb.ApiGetOpenDataByCloudIdResp.encode({ dataList: openData(host, cloudidList) }).finish(), svrkitErrorCode: 0 }
    }
  } else {
    const data: Record<string, unknown> = {}
    for (const { key, value } of req.openapiData?.pairs ?? []) data[key] = JSON.parse(Buffer.from(value).toString('utf8')) as unknown
    resp = await openApi(host, apiName, data)
  }
  return Buffer.from(pb.CommOpenApiResp.encode({ httpCode: 200, errorCode: 0, ...resp }).finish())
}
