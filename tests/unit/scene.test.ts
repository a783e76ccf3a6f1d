import { parseScene, SCENE_MAX, sceneFromOptions } from '../../src/domain/scene'
import { signScene, verifyScene } from '../../src/domain/scene-signature'

const KEY = 'test-signing-key-0123456789'
// wxacode.getUnlimited: scene ≤ 32 visible chars of 0-9a-zA-Z and !#$&'()*+,/:;=?@-._~
const WXACODE_SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

describe('scene codes', () => {
  it('fit the wxacode scene limit for the longest ids and versions', () => {
    const scene = signScene(KEY, 'staff', 'x'.repeat(12), 36 ** 4 - 1)
    expect(scene.length).toBeLessThanOrEqual(SCENE_MAX)
    expect(scene).toMatch(WXACODE_SCENE)
  })

  it('verify with the signing key and carry kind, id and version', () => {
    const scene = signScene(KEY, 'staff', 'sf01', 3)
    expect(verifyScene(KEY, scene)).toMatchObject({ kind: 'staff', id: 'sf01', version: 3 })
    expect(verifyScene(KEY, signScene(KEY, 'store', 'st01', 1))).toMatchObject({ kind: 'store', id: 'st01' })
  })

  it('refuse another brand’s key, a changed id, a changed version and a changed signature', () => {
    const scene = signScene(KEY, 'staff', 'sf01', 1)
    expect(verifyScene('another-brand-key-0123456789', scene)).toBeNull()
    expect(verifyScene(KEY, scene.replace('sf01', 'sf02'))).toBeNull()
    expect(verifyScene(KEY, scene.replace('.1.', '.2.'))).toBeNull()
    const sig = scene.slice(-1) === 'A' ? 'B' : 'A'
    expect(verifyScene(KEY, scene.slice(0, -1) + sig)).toBeNull()
  })

  it.each([[''], ['S.st01'], ['T.sf01.1.'], ['X.sf01.1.abcdefghij'], ['T.sf01.1.abc'], ['T.' + 'a'.repeat(40)], ['T.sf 01.1.abcdefghij'], ['{"$ne":null}']])(
    'parseScene refuses malformed %p without throwing',
    (raw) => {
      expect(parseScene(raw)).toBeNull()
      expect(verifyScene(KEY, raw)).toBeNull()
    }
  )

  it('reads the URL-encoded scene of a wxacode and the q of a plain-link QR', () => {
    const scene = signScene(KEY, 'staff', 'sf01', 1)
    expect(sceneFromOptions({ scene: encodeURIComponent(scene) })).toBe(scene)
    const link = `https://fanloop.example.com/c?scene=${encodeURIComponent(scene)}&x=1`
    expect(sceneFromOptions({ q: encodeURIComponent(link) })).toBe(scene)
    expect(sceneFromOptions({})).toBeNull()
    expect(sceneFromOptions({ scene: '%E0%A4%A' })).toBeNull()
  })
})

describe('scene ids', () => {
  it('refuses to sign an id too long to fit, rather than emitting an unscannable code', () => {
    expect(() => signScene(KEY, 'staff', 'x'.repeat(13), 1)).toThrow(RangeError)
  })
})
