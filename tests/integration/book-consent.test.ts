import { contract } from '../../src/contract'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'
import { fanOf, sharePhone } from './book-support'

/**
 * What a staff member sees of a fan is exactly what the fan agreed to show: nothing by default, each field
 * once shared, and nothing again the moment it is withdrawn (the value is gone from the record, not hidden).
 */
let t: TestCloud
const SHOPPER = 'book-consent-shopper'
let code: string

const detail = () => t.call('fanDetail', { memberCode: code }, 'demo-staff-1').then(expectOk)
const book = (q?: string) => t.call('fanBook', q ? { q } : {}, 'demo-staff-1').then(expectOk)

beforeAll(async () => {
  t = await startTestCloud()
  code = await fanOf(t, SHOPPER, 'sf01')
})
afterAll(async () => {
  await t.stop()
})

describe('consent-gated fields', () => {
  it('shows nothing of the person before they share anything', async () => {
    const d = await detail()
    expect(contract.fanDetail.output.parse(d)).toBeTruthy()
    expect(d).toMatchObject({ nickname: null, avatarUrl: null, phoneTail: null, birthMonth: null, memberCode: code })
    expect((await book()).rows.find((r) => r.memberCode === code)).toMatchObject({ nickname: null, phoneTail: null })
    expect((await book('5678')).rows).toEqual([])
  })

  it('shows each field once shared, and the phone only as its last four digits', async () => {
    expectOk(await t.call('fanProfile', { nickname: '小林', birthMonth: 3 }, SHOPPER))
    const own = await sharePhone(t, SHOPPER, '13912345678')
    expect(own).toMatchObject({ nickname: '小林', phoneTail: '5678', birthMonth: 3 })
    expect(await detail()).toMatchObject({ nickname: '小林', phoneTail: '5678', birthMonth: 3 })
    const stored = JSON.stringify((await t.cloud.db.api().collection('fans').doc(SHOPPER).get()).data)
    expect(stored).not.toContain('13912345678')
    expect((await book('5678')).rows.map((r) => r.memberCode)).toEqual([code])
    expect((await book('小')).rows.map((r) => r.memberCode)).toEqual([code])
    expect((await book(code.toLowerCase())).rows.map((r) => r.memberCode)).toEqual([code])
  })

  it('hides a withdrawn field at once, in the detail, the list and search, leaving the others', async () => {
    expectOk(await t.call('fanProfile', { phoneTail: null, nickname: null }, SHOPPER))
    expect(await detail()).toMatchObject({ nickname: null, phoneTail: null, birthMonth: 3 })
    expect((await book('5678')).rows).toEqual([])
    expect((await book('小')).rows).toEqual([])
    const stored = (await t.cloud.db.api().collection('fans').doc(SHOPPER).get()).data as { profile?: Record<string, unknown> }
    expect(stored.profile).toEqual({ birthMonth: 3 })
  })

  it('refuses a shopper who is not a fan yet, and a forged phone authorisation, writing nothing', async () => {
    expect(await t.call('fanProfile', { nickname: '路人' }, 'book-consent-stranger')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await t.call('fanProfile', { phoneTail: { cloudID: 'forged' } }, SHOPPER)).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await t.count('fans', { _id: 'book-consent-stranger' })).toBe(0)
    expect((await detail()).phoneTail).toBeNull()
  })

  it('takes an avatar as a picture and shows it as a URL; a non-image is refused', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a50000000049454e44ae426082',
      'hex'
    )
    const set = expectOk(await t.call('fanProfile', { avatar: { base64: png.toString('base64') } }, SHOPPER))
    expect(set.avatarUrl).toEqual(expect.any(String))
    expect((await detail()).avatarUrl).toEqual(expect.any(String))
    expect(await t.call('fanProfile', { avatar: { base64: Buffer.from('hello').toString('base64') } }, SHOPPER)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT'
    })
    expectOk(await t.call('fanProfile', { avatar: null }, SHOPPER))
    expect((await detail()).avatarUrl).toBeNull()
  })
})
