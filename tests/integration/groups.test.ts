import QRCode from 'qrcode'
import { DAY_MS } from '../../src/domain/china-time'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud({ serve: true })
})
afterEach(async () => {
  await t.stop()
})

const db = () => t.cloud.db.api()
const addGroup = (id: string, over: Record<string, unknown> = {}) =>
  db()
    .collection('groups')
    .add({
      data: {
        _id: id,
        storeId: 'st01',
        name: id,
        qrUrl: `/files/demo/${id}.png`,
        expiresAt: Date.now() + 5 * DAY_MS,
        capacity: 200,
        members: 0,
        full: false,
        ...over
      }
    })
const checkIn = (openid: string) => t.call('checkin', { scene: t.scene('staff', 'sf01') }, openid).then(expectOk)
const counterJoins = async () =>
  (await db().collection('counters').where({ storeId: 'st01' }).get()).data.reduce((n, c) => n + ((c.groupJoins as number) ?? 0), 0)

describe('group entry', () => {
  it('shows the check-in store its usable code, the same one the check-in card shows, skipping full and expired ones', async () => {
    await addGroup('g-full', { full: true, expiresAt: Date.now() + 6 * DAY_MS })
    await addGroup('g-expired', { expiresAt: Date.now() - 1 })
    await addGroup('g-ok')
    const checkin = await checkIn('shopper-g')
    const entry = expectOk(await t.call('groupEntry', {}, 'shopper-g'))
    expect(entry.store.storeId).toBe('st01')
    expect(entry.group?.groupId).toBe('g-ok')
    expect(checkin.group?.groupId).toBe('g-ok')
    expect(entry.joined).toBeNull()
  })

  it('says so, with the store phone, when no code is usable', async () => {
    await addGroup('g-full', { full: true })
    const entry = expectOk(await t.call('groupEntry', { storeId: 'st01' }, 'anyone'))
    expect(entry.group).toBeNull()
    expect(entry.store.phone).toMatch(/\d/)
  })

  it('needs a store: someone who never checked in and names none gets NOT_FOUND', async () => {
    expect(await t.call('groupEntry', {}, 'stranger')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('joining', () => {
  it('records the join once per fan and group with the channel, bumps groupJoins and issues the group coupon once', async () => {
    await addGroup('g1')
    await checkIn('fan-j')
    const first = expectOk(await t.call('joinGroup', { groupId: 'g1' }, 'fan-j'))
    expect(first).toMatchObject({ created: true, channel: 'staff_code' })
    expect(first.coupon?.title).toBe('进群礼 任意饮品9折')
    const again = await Promise.all(Array.from({ length: 5 }, () => t.call('joinGroup', { groupId: 'g1' }, 'fan-j').then(expectOk)))
    expect(again.every((r) => !r.created && r.coupon?.couponId === first.coupon?.couponId)).toBe(true)
    expect(await t.count('groupMembers', { fanId: 'fan-j' })).toBe(1)
    expect(await t.count('coupons', { fanId: 'fan-j', templateId: 'tpl-group' })).toBe(1)
    expect((await db().collection('groups').doc('g1').get()).data!.members).toBe(1)
    expect(await counterJoins()).toBe(1)
    expect(expectOk(await t.call('groupEntry', {}, 'fan-j')).joined?.groupId).toBe('g1')
  })

  it('a second group counts as a join but brings no second coupon', async () => {
    await addGroup('g1')
    await addGroup('g2')
    await checkIn('fan-two')
    expectOk(await t.call('joinGroup', { groupId: 'g1' }, 'fan-two'))
    const second = expectOk(await t.call('joinGroup', { groupId: 'g2' }, 'fan-two'))
    expect(second.created).toBe(true)
    expect(await t.count('coupons', { fanId: 'fan-two', templateId: 'tpl-group' })).toBe(1)
    expect(await counterJoins()).toBe(2)
  })

  it('refuses a shopper who is not a fan yet, and an unknown group', async () => {
    await addGroup('g1')
    expect(await t.call('joinGroup', { groupId: 'g1' }, 'not-a-fan')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await checkIn('fan-x')
    expect(await t.call('joinGroup', { groupId: 'nope' }, 'fan-x')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await t.count('groupMembers')).toBe(0)
  })

  it('rotation moves on once a group reaches its capacity through joins', async () => {
    await addGroup('g-small', { capacity: 1, expiresAt: Date.now() + 6 * DAY_MS })
    await addGroup('g-big', { capacity: 100, members: 50 })
    await checkIn('fan-a')
    expect(expectOk(await t.call('groupEntry', {}, 'fan-a')).group?.groupId).toBe('g-small')
    expectOk(await t.call('joinGroup', { groupId: 'g-small' }, 'fan-a'))
    expect(expectOk(await t.call('groupEntry', {}, 'fan-a')).group?.groupId).toBe('g-big')
  })
})

describe('manager: codes, upload, warning', () => {
  const png = async () => (await QRCode.toBuffer('group qr', { type: 'png', width: 200 })).toString('base64')

  it('uploads a QR (base64), stores it with uploadFile, expires it at China midnight after the chosen day, and lists it', async () => {
    const validUntil = new Date(Date.now() + 8 * 3600_000 + 3 * DAY_MS).toISOString().slice(0, 10)
    const saved = expectOk(
      await t.call('saveGroupCode', { storeId: 'st01', name: '静安粉丝群2', validUntil, capacity: 150, image: { base64: await png() } }, 'demo-manager')
    )
    expect(saved.group.expiresAt).toBe(Date.parse(`${validUntil}T00:00:00Z`) - 8 * 3600_000 + DAY_MS)
    expect(saved.group.daysLeft).toBe(Math.ceil((saved.group.expiresAt - Date.now()) / DAY_MS))
    const image = await fetch(saved.group.qrUrl)
    expect(image.headers.get('content-type')).toMatch(/png/)
    const list = expectOk(await t.call('groupCodes', { storeId: 'st01' }, 'demo-manager'))
    expect(list.groups.map((g) => g.groupId)).toEqual([saved.group.groupId])
    const full = expectOk(await t.call('saveGroupCode', { storeId: 'st01', groupId: saved.group.groupId, full: true }, 'demo-manager'))
    expect(full.group).toMatchObject({ full: true, usable: false, capacity: 150 })
  })

  it('marks a code full (also one stored without an upload date) without touching its expiry; the shopper then sees none', async () => {
    await addGroup('g-seeded', { expiresAt: Date.now() + 3 * DAY_MS })
    const before = expectOk(await t.call('groupCodes', { storeId: 'st01' }, 'demo-manager')).groups[0]
    const after = expectOk(await t.call('saveGroupCode', { storeId: 'st01', groupId: 'g-seeded', full: true }, 'demo-manager')).group
    expect(after).toMatchObject({ full: true, usable: false, expiresAt: before.expiresAt })
    expect(expectOk(await t.call('groupEntry', { storeId: 'st01' }, 'x')).group).toBeNull()
  })

  it('refuses something that is not an image, and an image over 200 KB', async () => {
    const base = { storeId: 'st01', name: 'x', validUntil: '2099-01-01', capacity: 10 }
    const text = Buffer.from('not an image at all, just words').toString('base64')
    expect(await t.call('saveGroupCode', { ...base, image: { base64: text } }, 'demo-manager')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const big = Buffer.concat([await QRCode.toBuffer('x', { type: 'png' }), Buffer.alloc(205 * 1024)]).toString('base64')
    expect(await t.call('saveGroupCode', { ...base, image: { base64: big } }, 'demo-manager')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await t.count('groups')).toBe(0)
  })

  it('keeps a store manager to their own stores (STORE_SCOPED)', async () => {
    expect(await t.call('groupCodes', { storeId: 'st01' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(
      await t.call(
        'saveGroupCode',
        { storeId: 'st01', name: 'x', validUntil: '2099-01-01', capacity: 10, image: { base64: await png() } },
        'demo-store-manager'
      )
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(expectOk(await t.call('groupCodes', {}, 'demo-store-manager')).storeId).toBe('st02')
  })

  it('warns on the page and sends the store managers one subscribe message when the last code has two days left', async () => {
    await addGroup('g-soon', { expiresAt: Date.now() + DAY_MS, members: 30 })
    const page = expectOk(await t.call('groupCodes', { storeId: 'st01' }, 'demo-manager'))
    expect(page.warning?.kind).toBe('expiring')
    expect(page.members).toBe(30)
    expect(page.groups[0]).toMatchObject({ daysLeft: 1, members: 30, fill: 0.15 })
    await t.call('groupEntry', { storeId: 'st01' }, 'someone') // seen again: no second message
    const sent = t.cloud.platform.outbox.filter((m) => m.kind === 'subscribeMessage')
    // demo-manager (brand); st02's store manager is not told about st01
    expect(sent.map((m) => m.touser)).toEqual(['demo-manager'])
    expect(sent[0].page).toBe('manager/pages/groups/index?storeId=st01')
  })

  it('#18.22 the expiry message carries a date in its date field even when no code is left', async () => {
    await addGroup('g-gone', { expiresAt: Date.now() - DAY_MS })
    expect(expectOk(await t.call('groupCodes', { storeId: 'st01' }, 'demo-manager')).warning?.kind).toBe('none_usable')
    const sent = t.cloud.platform.outbox.filter((m) => m.kind === 'subscribeMessage')
    expect(sent).toHaveLength(1)
    const data = sent[0].data as Record<string, { value: string }>
    // a subscribe message's date field takes a date; WeChat refuses the whole message otherwise
    for (const [key, { value }] of Object.entries(data)) if (key.startsWith('date')) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(JSON.stringify(data)).toContain('已无可用')
  })

  it('is quiet while a usable code has more than two days left', async () => {
    await addGroup('g-later', { expiresAt: Date.now() + 4 * DAY_MS })
    expect(expectOk(await t.call('groupCodes', { storeId: 'st01' }, 'demo-manager')).warning).toBeNull()
    expect(t.cloud.platform.outbox).toHaveLength(0)
  })
})
