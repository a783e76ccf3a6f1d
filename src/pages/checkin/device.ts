import Taro from '@tarojs/taro'

/** FNV-1a: a short, stable hash; the model details themselves never leave the phone. */
function fnv(text: string, seed: number): string {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  return h.toString(36).padStart(7, '0')
}

/**
 * A coarse fingerprint of this phone (model, system, screen), so that many "new fans" made on one phone
 * for one staff code can be flagged. Coarse on purpose: it cannot tell two identical phones apart, and
 * the threshold allows for that. Local storage would not do: WeChat keeps it per account, not per phone.
 */
export function deviceFingerprint(): string | undefined {
  try {
    const d = Taro.getDeviceInfo()
    const w = Taro.getWindowInfo()
    const text = [d.brand, d.model, d.system, d.platform, w.screenWidth, w.screenHeight, w.pixelRatio].join('|')
    return `d${fnv(text, 2166136261)}${fnv(text, 16777619)}`
  } catch {
    return undefined
  }
}
