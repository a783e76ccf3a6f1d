import type { Transport } from './transport'
import { currentOpenid } from '../stores/persona'

/**
 * On H5 the local cloud stands in for WeChat: it serves each function at POST /fn/<name> and takes the
 * caller's identity from x-wx-openid (which only the local cloud accepts; real WeChat sets OPENID itself).
 */
export const h5Transport: Transport = async (name, data) => {
  const res = await fetch(`${FANLOOP_LOCAL_CLOUD_URL}/fn/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': currentOpenid() },
    body: JSON.stringify(data ?? {})
  })
  return res.json()
}
