import { cloud } from './cloud'

/**
 * The decrypted data behind a cloudID (a phone number, a group's openGId), or null when it cannot be
 * decrypted (expired after 5 minutes, forged, another app's). getOpenData's `json` is the decrypted JSON
 * as an object or, depending on the SDK version, a string. A client can hand-craft the `{ cloudID, data }`
 * shape the platform substitutes for a CloudID, so callers that must trust the data decrypt the cloudID.
 */
export async function openData(cloudID: string): Promise<Record<string, unknown> | null> {
  try {
    const res = await cloud.getOpenData({ list: [cloudID] })
    const json: unknown = res.list[0]?.json
    const parsed = typeof json === 'string' ? (JSON.parse(json) as unknown) : json
    const data = (parsed as { data?: unknown } | null)?.data
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : null
  } catch {
    return null
  }
}
