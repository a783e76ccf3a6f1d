/**
 * Codes printed at the counter and shared by staff carry a `scene`: at most 32 visible characters
 * from the set wxacode.getUnlimited accepts. Layout: `<kind>.<id>.<version>.<signature>`,
 * with id ≤ 12 characters and version ≤ 4 base-36 digits, so a signed scene is at most 30 characters.
 *   kind S = store code, T = staff (导购) code; version lets a manager revoke a staff member's codes.
 * This file only shapes and parses; signing lives in scene-signature.ts (server only).
 */
export const SCENE_MAX = 32
const SCENE_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

export type SceneKind = 'store' | 'staff'
export interface SceneParts {
  kind: SceneKind
  id: string
  version: number
  signature: string
}

const KIND_CHAR: Record<SceneKind, string> = { store: 'S', staff: 'T' }

const ID = /^[A-Za-z0-9_-]{1,12}$/

export function sceneBody(kind: SceneKind, id: string, version: number): string {
  if (!ID.test(id) || !Number.isInteger(version) || version < 0 || version >= 36 ** 4) {
    throw new RangeError(`id or version does not fit a scene: ${id}.${version}`)
  }
  return `${KIND_CHAR[kind]}.${id}.${version.toString(36)}`
}

export function formatScene(parts: SceneParts): string {
  const scene = `${sceneBody(parts.kind, parts.id, parts.version)}.${parts.signature}`
  if (scene.length > SCENE_MAX || !SCENE_CHARSET.test(scene)) {
    throw new RangeError(`scene does not fit wxacode limits: ${scene}`)
  }
  return scene
}

/** Returns null for anything that is not a well-formed scene; never throws on hostile input. */
export function parseScene(raw: string): SceneParts | null {
  if (raw.length > SCENE_MAX || !SCENE_CHARSET.test(raw)) return null
  const m = /^([ST])\.([A-Za-z0-9_-]{1,12})\.([0-9a-z]{1,4})\.([A-Za-z0-9_-]{8,16})$/.exec(raw)
  if (!m) return null
  return { kind: m[1] === 'S' ? 'store' : 'staff', id: m[2], version: parseInt(m[3], 36), signature: m[4] }
}

/**
 * The page receives the scene URL-encoded in `options.scene` (wxacode), or inside a plain-link QR's
 * URL in `options.q` (普通链接二维码). Accept both; a shared card passes `scene` in its path.
 */
export function sceneFromOptions(options: Record<string, string | undefined>): string | null {
  const decode = (s: string): string | null => {
    try {
      return decodeURIComponent(s)
    } catch {
      return null
    }
  }
  if (options.scene) return decode(options.scene)
  if (options.q) {
    const url = decode(options.q)
    const m = url ? /[?&]scene=([^&#]+)/.exec(url) : null
    return m ? decode(m[1]) : null
  }
  return null
}
