import { contract } from '../../src/contract'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'

/**
 * Journey 10 on the local cloud: the setup code makes exactly one brand manager, and one-time invites
 * bind exactly one person each, within the inviter's authority, until they expire or are revoked.
 */
let t: TestCloud
const api = () => t.cloud.db.api()
const BRAND = 'demo-manager' // 陈静, managesStoreIds null
const STORE_MANAGER = 'demo-store-manager' // 林涛, st02 only

jest.setTimeout(30_000)
afterEach(() => {
  delete process.env.FANLOOP_SETUP_CODE
  jest.restoreAllMocks()
})

/** Every document of the collections onboarding writes, to show a refusal wrote nothing. */
async function snapshot(): Promise<string> {
  const out: unknown[] = []
  for (const c of ['invites', 'staff', 'settings']) out.push((await api().collection(c).limit(1000).get()).data)
  return JSON.stringify(out)
}

const invite = async (openid: string, kind: 'staff' | 'store_manager' | 'brand_manager', storeId: string, name = '') =>
  expectOk(await t.call('createInvite', { kind, storeId, ...(name ? { name } : {}) }, openid))

describe('claiming the brand with the setup code', () => {
  // each test starts from a brand nobody has claimed
  beforeEach(async () => {
    t = await startTestCloud()
  })
  afterEach(async () => {
    await t.stop()
  })

  it('nobody can claim when no code is set, whatever they send', async () => {
    delete process.env.FANLOOP_SETUP_CODE
    const before = await snapshot()
    for (const code of ['', 'anything-at-all', 'undefined']) {
      const r = await t.call('claimBrand', { code: code || 'x', name: '路人' }, 'claim-nobody')
      expect(r).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    }
    expect(await snapshot()).toBe(before)
  })

  it('the right code works once: the first opener becomes brand manager, then the code is dead', async () => {
    process.env.FANLOOP_SETUP_CODE = 'Setup-Code-2026-abc'
    const before = await snapshot()
    expect(await t.call('claimBrand', { code: 'Setup-Code-2026-abd', name: '猜错的人' }, 'claim-wrong')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await snapshot()).toBe(before)

    const won = await t.call('claimBrand', { code: 'Setup-Code-2026-abc', name: '周总' }, 'claim-first')
    const data = expectOk(won)
    expect(contract.claimBrand.output.safeParse(data).success).toBe(true)
    expect(data).toMatchObject({ role: 'manager', name: '周总' })
    const session = expectOk(await t.call('session', {}, 'claim-first'))
    expect(session.role).toBe('manager')
    // a brand manager: may invite into any store
    expect(expectOk(await t.call('createInvite', { kind: 'store_manager', storeId: 'st05' }, 'claim-first')).storeId).toBe('st05')

    const afterWin = await snapshot()
    const again = await t.call('claimBrand', { code: 'Setup-Code-2026-abc', name: '第二个人' }, 'claim-second')
    expect(again).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await snapshot()).toBe(afterWin)
    expect(await t.count('staff', { openid: 'claim-second' })).toBe(0)
  })

  it('20 people opening the setup page with the right code at once: exactly one brand manager', async () => {
    process.env.FANLOOP_SETUP_CODE = 'Setup-Code-race-xyz'
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.call('claimBrand', { code: 'Setup-Code-race-xyz', name: `抢${i}` }, `claim-race-${i}`))
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(
      await t.count('staff', { managesStoreIds: null, role: 'manager', openid: t.cloud.db.api().command.in(results.map((_, i) => `claim-race-${i}`)) })
    ).toBe(1)
  })
})

describe('invitations', () => {
  // one cloud for these: every test uses its own invites and openids
  beforeAll(async () => {
    t = await startTestCloud()
  })
  afterAll(async () => {
    await t.stop()
  })

  it('a staff invite binds its opener to that store at once: their code and their fans work', async () => {
    const inv = await invite(STORE_MANAGER, 'staff', 'st02', '小新')
    expect(contract.createInvite.output.safeParse(inv).success).toBe(true)
    expect(inv.scene).toBe(`I.${inv.inviteId}`)
    expect(inv.scene.length).toBeLessThanOrEqual(32)
    expect(inv.expiresAt - inv.createdAt).toBe(7 * 24 * 3600_000)
    expect(expectOk(await t.call('inviteList', {}, STORE_MANAGER)).invites.map((i) => i.inviteId)).toContain(inv.inviteId)
    const info = expectOk(await t.call('inviteInfo', { inviteId: inv.inviteId }, 'new-hire'))
    expect(info).toMatchObject({ status: 'pending', kind: 'staff', storeName: '人民广场店', name: '小新', invitedBy: '林涛', mine: false })

    const bound = expectOk(await t.call('acceptInvite', { inviteId: inv.inviteId, name: '王小新' }, 'new-hire'))
    expect(bound).toMatchObject({ role: 'staff', storeId: 'st02', name: '王小新' })
    expect(expectOk(await t.call('session', {}, 'new-hire')).role).toBe('staff')
    const code = expectOk(await t.call('staffCode', {}, 'new-hire'))
    expect(code.staffName).toBe('王小新')
    const checkin = expectOk(await t.call('checkin', { scene: code.scene }, 'new-hire-first-fan'))
    expect(checkin.servingStaff?.name).toBe('王小新')
    expect(expectOk(await t.call('myFans', {}, 'new-hire')).fans).toHaveLength(1)
    // no longer pending; opening it again as the same person answers the same binding
    expect(expectOk(await t.call('inviteList', {}, STORE_MANAGER)).invites.map((i) => i.inviteId)).not.toContain(inv.inviteId)
    expect(expectOk(await t.call('acceptInvite', { inviteId: inv.inviteId, name: '王小新' }, 'new-hire')).staffId).toBe(bound.staffId)
    expect(await t.count('staff', { openid: 'new-hire' })).toBe(1)
  })

  it('50 concurrent opens of one invite by 50 people bind exactly one', async () => {
    const inv = await invite(BRAND, 'staff', 'st03')
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => t.call('acceptInvite', { inviteId: inv.inviteId, name: `人${i}` }, `race-${i}`)))
    const wins = results.filter((r) => r.ok)
    expect(wins).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, code: expect.stringMatching(/^(INVALID_CODE|BUSY)$/) })
    expect(await t.count('staff', { storeId: 'st03', openid: api().command.in(results.map((_, i) => `race-${i}`)) })).toBe(1)
    const doc = (await api().collection('invites').doc(inv.inviteId).get()).data as Record<string, unknown>
    expect(doc.status).toBe('accepted')
    expect(wins[0].ok && doc.staffId === wins[0].data.staffId).toBe(true)
  })

  it('an invite expires after 7 days, and an expired one binds nobody', async () => {
    const inv = await invite(BRAND, 'staff', 'st01')
    const later = inv.createdAt + 7 * 24 * 3600_000 + 1000
    jest.spyOn(Date, 'now').mockReturnValue(later)
    const before = await snapshot()
    expect(await t.call('acceptInvite', { inviteId: inv.inviteId, name: '迟到' }, 'late-hire')).toMatchObject({
      ok: false,
      code: 'INVALID_CODE',
      message: expect.stringContaining('过期')
    })
    expect(await snapshot()).toBe(before)
    expect(expectOk(await t.call('inviteInfo', { inviteId: inv.inviteId }, 'late-hire')).status).toBe('expired')
  })

  it('a revoked invite binds nobody; revoking twice or after use is refused', async () => {
    const inv = await invite(STORE_MANAGER, 'staff', 'st02')
    expect(expectOk(await t.call('revokeInvite', { inviteId: inv.inviteId }, STORE_MANAGER)).status).toBe('revoked')
    const before = await snapshot()
    expect(await t.call('acceptInvite', { inviteId: inv.inviteId, name: '来晚了' }, 'revoked-hire')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await t.call('revokeInvite', { inviteId: inv.inviteId }, STORE_MANAGER)).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await snapshot()).toBe(before)
    expect(await t.count('staff', { openid: 'revoked-hire' })).toBe(0)
  })

  it('a store manager cannot invite into another store, nor invite any manager; refusals write nothing', async () => {
    const before = await snapshot()
    for (const [kind, storeId] of [
      ['staff', 'st01'],
      ['store_manager', 'st02'],
      ['brand_manager', 'st02']
    ] as const) {
      expect(await t.call('createInvite', { kind, storeId }, STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    // staff and shoppers cannot invite at all
    expect(await t.call('createInvite', { kind: 'staff', storeId: 'st01' }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('createInvite', { kind: 'staff', storeId: 'st01' }, 'some-shopper')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // nor revoke or list another store's invites
    const other = await invite(BRAND, 'staff', 'st01')
    const withOther = await snapshot()
    expect(await t.call('revokeInvite', { inviteId: other.inviteId }, STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('inviteList', { storeId: 'st01' }, STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(expectOk(await t.call('inviteList', {}, STORE_MANAGER)).invites.map((i) => i.inviteId)).not.toContain(other.inviteId)
    expect(await snapshot()).toBe(withOther)
    expect(JSON.parse(withOther)[0]).toHaveLength(JSON.parse(before)[0].length + 1)
  })

  it('a brand manager invites a store manager, who then manages only that store', async () => {
    const inv = await invite(BRAND, 'store_manager', 'st04')
    expectOk(await t.call('acceptInvite', { inviteId: inv.inviteId, name: '陆店长' }, 'new-store-manager'))
    expect(expectOk(await t.call('createInvite', { kind: 'staff', storeId: 'st04' }, 'new-store-manager')).storeId).toBe('st04')
    expect(await t.call('createInvite', { kind: 'staff', storeId: 'st01' }, 'new-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('someone already on the team cannot take an invite (one person, one record)', async () => {
    const inv = await invite(BRAND, 'staff', 'st01')
    const before = await snapshot()
    expect(await t.call('acceptInvite', { inviteId: inv.inviteId, name: '王芳' }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await snapshot()).toBe(before)
  })
})
