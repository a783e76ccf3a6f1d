import { createHmac, timingSafeEqual } from 'node:crypto'
import { formatScene, parseScene, sceneBody, type SceneKind, type SceneParts } from './scene'

/**
 * 10 base64url characters = 60 bits of HMAC-SHA256: far beyond guessing by scanning codes, and
 * short enough that a staff code stays under the 32-character scene limit.
 */
const SIGNATURE_CHARS = 10

export function signScene(key: string, kind: SceneKind, id: string, version: number): string {
  const signature = createHmac('sha256', key)
    .update(sceneBody(kind, id, version))
    .digest('base64url')
    .slice(0, SIGNATURE_CHARS)
  return formatScene({ kind, id, version, signature })
}

/** The parsed scene if its signature is this brand's; null if malformed, forged or another brand's. */
export function verifyScene(key: string, raw: string): SceneParts | null {
  const parts = parseScene(raw)
  if (!parts || parts.signature.length !== SIGNATURE_CHARS) return null
  const expected = parseScene(signScene(key, parts.kind, parts.id, parts.version))
  if (!expected) return null
  const a = Buffer.from(parts.signature)
  const b = Buffer.from(expected.signature)
  return a.length === b.length && timingSafeEqual(a, b) ? parts : null
}
