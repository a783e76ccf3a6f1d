import { cloud } from './cloud'

/**
 * The decrypted data behind a cloudID (a phone number, a group's openGId), or null when it cannot be
 * decrypted (expired after 5 minutes, forged, another app's). wx-server-sdk answers getOpenData with
 * `{ list: [{ cloudID, data }] }`: it parses each entry's JSON itself, so the data is `list[i].data`; an
 * entry the platform could not decrypt has no `data` (an errCode instead). A client can hand-craft the
 * `{ cloudID, data }` shape the platform substitutes for a CloudID, so callers that must trust the data
 * decrypt the cloudID.
 */
export async function openData(cloudID: string): Promise<Record<string, unknown> | null> {
  try {
    const res = await cloud.getOpenData({ list: [cloudID] })
    const entry = res.list.find((e) => e?.cloudID === cloudID) ?? res.list[0]
    const data: unknown = entry?.data
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null
  } catch {
    return null
  }
}
