import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await t.cloud.db
    .api()
    .collection('groups')
    .add({
      data: {
        _id: 'g1',
        storeId: 'st01',
        name: '静安粉丝群1',
        qrUrl: '/files/x.png',
        expiresAt: Date.now() + 86400_000 * 5,
        capacity: 200,
        members: 0,
        full: false
      }
    })
})
afterEach(async () => {
  await t.stop()
})

/** The local cloud's documented cloudID stand-in: `local-cloudid:<base64url JSON>`. */
const cloudId = (opengid: string) => `local-cloudid:${Buffer.from(JSON.stringify({ opengid })).toString('base64url')}`

describe('share ticket → openGId', () => {
  it('staff link a real WeChat group to the store group; a shopper opening a card there is then seen in it', async () => {
    const link = expectOk(await t.call('linkGroupTicket', { ticket: cloudId('G_real_1'), groupId: 'g1' }, 'demo-staff-1'))
    expect(link).toEqual({ seen: false, linkedGroup: { groupId: 'g1', name: '静安粉丝群1', storeId: 'st01' } })
    expect((await t.cloud.db.api().collection('groups').doc('g1').get()).data!.openGId).toBe('G_real_1')

    const seen = expectOk(await t.call('linkGroupTicket', { ticket: cloudId('G_real_1') }, 'shopper-in-group'))
    expect(seen).toEqual({ seen: true, linkedGroup: { groupId: 'g1', name: '静安粉丝群1', storeId: 'st01' } })
    expect(await t.count('groupSightings', { openGId: 'G_real_1', fanId: 'shopper-in-group', groupId: 'g1' })).toBe(1)
    // opened again: still one sighting
    expectOk(await t.call('linkGroupTicket', { ticket: cloudId('G_real_1') }, 'shopper-in-group'))
    expect(await t.count('groupSightings', { fanId: 'shopper-in-group' })).toBe(1)
    expect(expectOk(await t.call('groupCodes', { storeId: 'st01' }, 'demo-manager')).groups[0].linked).toBe(true)
  })

  it('accepts the field the platform already replaced ({ cloudID, data }) for a sighting', async () => {
    const r = expectOk(await t.call('linkGroupTicket', { ticket: { cloudID: 'x', data: { opengid: 'G_unlinked' } } }, 'shopper-2'))
    expect(r).toEqual({ seen: true, linkedGroup: null })
    expect(await t.count('groupSightings', { openGId: 'G_unlinked' })).toBe(1)
  })

  it('will not link on a replaced shape it cannot decrypt, nor on an invalid cloudID', async () => {
    const forged = { ticket: { cloudID: 'forged', data: { opengid: 'G_fake' } }, groupId: 'g1' }
    expect(await t.call('linkGroupTicket', forged, 'demo-staff-1')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await t.call('linkGroupTicket', { ticket: 'expired-cloud-id' }, 'shopper-3')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await t.count('groupLinks')).toBe(0)
  })

  it('only staff of the group’s store (or its managers) may link', async () => {
    expect(await t.call('linkGroupTicket', { ticket: cloudId('G2'), groupId: 'g1' }, 'a-shopper')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('linkGroupTicket', { ticket: cloudId('G2'), groupId: 'g1' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.count('groupLinks')).toBe(0)
  })
})
