/**
 * H5 runs only on the local cloud, which has no WeChat phone authorisation: a typed number is wrapped in
 * the local cloud's documented cloudID stand-in (`local-cloudid:<base64url JSON>`), which the functions
 * decrypt exactly as they would a real cloudID. Used by the H5 halves of the phone buttons only.
 */
export function localPhoneCloudId(phone: string): string {
  const json = JSON.stringify({ purePhoneNumber: phone.trim(), countryCode: '86' })
  const b64 = btoa(unescape(encodeURIComponent(json)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
  return `local-cloudid:${b64}`
}
