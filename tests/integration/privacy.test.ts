import { chinaDayKey, DAY_MS } from '../../src/domain/china-time'
import { couponIdFor } from '../../src/domain/codes'
import { phoneKey } from '../../src/functions/_lib/phone'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'

/**
 * Journey 8 through the functions: a shopper with every kind of record exports it, deletes it, and
 * afterwards nothing in the database leads back to them, while the counters still equal the events.
 */
let t: TestCloud
const A = 'priv-shopper-a'
const B = 'priv-shopper-b'
const PHONE = '13912345678'
const cloudId = (data: unknown) => `local-cloudid:${Buffer.from(JSON.stringify(data)).toString('base64url')}`

const db = () => t.cloud.db.api()
const checkIn = (openid: string, staff = 'sf01') => t.call('checkin', { scene: t.scene('staff', staff) }, openid).then(expectOk)
const session = (openid: string) => t.call('session', {}, openid).then(expectOk)
const myData = (openid: string) => t.call('myData', {}, openid).then(expectOk)
const erase = (openid: string) => t.call('deleteMyData', { confirm: true }, openid).then(expectOk)
const fansOf = (staff: string) => t.call('myFans', { limit: 50 }, staff).then(expectOk)
const teamFans = async (staffId: string) =>
  expectOk(await t.call('teamList', { storeId: 'st01' }, 'demo-manager')).members.find((m) => m.staffId === staffId)?.fans
const today = () => chinaDayKey(Date.now())
const drift = () => t.call('rebuildCounters', { from: today(), to: today(), dryRun: true }, 'demo-manager').then(expectOk)

/** Every stored document, as text: the local database's own tables, whatever collection wrote them. */
function everything(): string {
  const sqlite = (t.cloud.db as unknown as { store: { db: { prepare(sql: string): { all(): Array<Record<string, unknown>> } } } }).store.db
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c_*'").all()
  return tables
    .map(({ name }) =>
      sqlite
        .prepare(`SELECT _id, data FROM "${String(name)}"`)
        .all()
        .map((r) => `${name} ${String(r._id)} ${String(r.data)}`)
        .join('\n')
    )
    .join('\n')
}

/** A shopper with a bit of everything: visits, a used and an undone coupon, sales, a group, phone, consent, a sighting. */
async function richHistory(openid: string) {
  // yesterday, then today: two visits (a second scan at one store on one China day is no new visit, #18.3)
  const yesterday = Date.now() - 24 * 3600_000
  jest.spyOn(Date, 'now').mockReturnValue(yesterday)
  try {
    await checkIn(openid)
  } finally {
    jest.restoreAllMocks()
  }
  await checkIn(openid, 'sf02')
  const welcome = expectOk(await t.call('wallet', {}, openid)).usable[0]
  expectOk(await t.call('redeemCoupon', { code: welcome.code, amountFen: 3000 }, 'demo-staff-1'))
  const { memberCode } = (await session(openid)).fan!
  expectOk(await t.call('recordSale', { memberCode, amountFen: 4500, requestId: `sale-${Math.random().toString(36).slice(2)}` }, 'demo-staff-2'))
  const joined = expectOk(await t.call('joinGroup', { groupId: 'g-priv' }, openid))
  const redeemed = expectOk(await t.call('redeemCoupon', { code: joined.coupon!.code }, 'demo-staff-1'))
  expectOk(await t.call('undoRedemption', { redemptionId: redeemed.redemptionId }, 'demo-staff-1'))
  expectOk(await t.call('bindPhone', { cloudID: cloudId({ purePhoneNumber: PHONE }) }, openid))
  expectOk(await t.call('subscribeWinBack', { accepted: true }, openid))
  expectOk(await t.call('linkGroupTicket', { ticket: cloudId({ opengid: 'G_priv_chat' }) }, openid))
  return memberCode
}

beforeAll(async () => {
  t = await startTestCloud()
  await db()
    .collection('groups')
    .add({
      data: {
        _id: 'g-priv',
        storeId: 'st01',
        name: '静安寺粉丝群',
        qrUrl: '/files/demo/g.png',
        expiresAt: Date.now() + 5 * DAY_MS,
        capacity: 200,
        members: 0,
        full: false
      }
    })
})
afterAll(async () => {
  await t.stop()
})

describe('myData', () => {
  it('exports all of the caller’s records, with names, and nobody else’s', async () => {
    const codeA = await richHistory(A)
    await checkIn(B)
    const codeB = (await session(B)).fan!.memberCode
    const d = await myData(A)
    expect(d.fan).toMatchObject({ memberCode: codeA, channel: 'staff_code', firstStore: '静安寺店', capturingStaff: '王芳', visits: 2 })
    expect(d.staff).toBeNull()
    expect(d.visits).toMatchObject({ total: 2, truncated: false })
    expect(d.visits.rows.map((v) => v.servingStaff).sort()).toEqual(['李娜', '王芳'])
    expect(d.coupons.rows.map((c) => c.state).sort()).toEqual(['usable', 'used'])
    expect(d.redemptions.rows.map((r) => r.undone).sort()).toEqual([false, true])
    expect(d.sales.rows.map((s) => [s.source, s.amountFen]).sort()).toEqual([
      ['coupon', 3000],
      ['staff', 4500]
    ])
    expect(d.bindingEvents.total).toBeGreaterThan(0)
    expect(d.groupJoins.rows).toEqual([expect.objectContaining({ group: '静安寺粉丝群', store: '静安寺店' })])
    expect(d.groupSightings.total).toBe(1)
    expect(d).toMatchObject({ phoneBound: true, reminderConsents: 1 })
    const text = JSON.stringify(d)
    for (const secret of [phoneKey(PHONE), PHONE, B, codeB]) expect(text).not.toContain(secret)
  })

  it('answers an empty export to someone we hold nothing about, and the staff record to an employee', async () => {
    const nobody = await myData('priv-nobody')
    expect(nobody).toMatchObject({ fan: null, staff: null, phoneBound: false, reminderConsents: 0, visits: { total: 0, rows: [] } })
    expect((await myData('demo-staff-1')).staff).toEqual({ name: '王芳', store: '静安寺店', role: 'staff' })
  })
})

describe('deleteMyData', () => {
  let codeA: string
  let bBefore: string
  beforeAll(async () => {
    codeA = (await session(A)).fan!.memberCode
    // a held-fans flag (the code-abuse journey's codeFlags) that lists the shopper beside another
    await db()
      .collection('codeFlags')
      .add({
        data: {
          _id: `flag.sf01.${today()}`,
          staffId: 'sf01',
          storeId: 'st01',
          dayKey: today(),
          reasons: ['burst'],
          held: 2,
          fanIds: [A, B],
          firstAt: Date.now(),
          lastAt: Date.now(),
          status: 'open'
        }
      })
    const { exportedAt: _e, ...b } = await myData(B)
    bBefore = JSON.stringify(b)
  })

  it('takes the shopper out of the staff member’s fan list and the team counts, keeping the counters equal to the events', async () => {
    const before = await drift()
    expect(before.rowsDrifted).toBe(0)
    expect((await fansOf('demo-staff-1')).fans.map((f) => f.memberCode)).toContain(codeA)
    const [listed, counted] = [(await fansOf('demo-staff-1')).total, await teamFans('sf01')]
    const members = async () => (await db().collection('groups').where({ _id: 'g-priv' }).get()).data[0].members
    const groupBefore = await members()

    expect(await erase(A)).toMatchObject({ deleted: true, complete: true })

    const after = await fansOf('demo-staff-1')
    expect(after.fans.map((f) => f.memberCode)).not.toContain(codeA)
    expect(after.total).toBe(listed - 1)
    expect(await teamFans('sf01')).toBe((counted ?? 0) - 1)
    const again = await drift()
    expect(again.rowsDrifted).toBe(0)
    expect(again.drift.every((f) => f.stored === f.counted)).toBe(true)
    // the events are all still there (anonymised), so the store's figures do not move
    expect(again.events).toEqual(before.events)
    expect(await members()).toBe(groupBefore)
  })

  it('leaves nothing that leads back to the person: no openid, member code, phone hash or openid-derived id', async () => {
    const all = everything()
    for (const trace of [A, codeA, phoneKey(PHONE), couponIdFor(A, 'tpl-welcome', 'welcome'), couponIdFor(A, 'tpl-group', 'group_join')]) {
      expect(all).not.toContain(trace)
    }
    expect(
      (
        await db()
          .collection('codeFlags')
          .where({ _id: `flag.sf01.${today()}` })
          .get()
      ).data[0]
    ).toMatchObject({ fanIds: [B], held: 2 })
    expect(await session(A)).toMatchObject({ fan: null })
    expect(await myData(A)).toMatchObject({
      fan: null,
      visits: { total: 0 },
      coupons: { total: 0 },
      sales: { total: 0 },
      phoneBound: false,
      reminderConsents: 0
    })
    expect(expectOk(await t.call('purchaseHistory', {}, A)).rows).toEqual([])
    expect(await t.call('recordSale', { memberCode: codeA, amountFen: 100, requestId: 'after-delete' }, 'demo-staff-1')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
  })

  it('voids the unused coupon it keeps for the figures, so its old code no longer redeems', async () => {
    const kept = (await db().collection('coupons').where({ templateId: 'tpl-group', erased: true }).get()).data
    expect(kept).toHaveLength(1)
    expect(kept[0].validUntil).toBeLessThan(Date.now())
    expect(await t.call('redeemCoupon', { code: String(kept[0].code) }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('is idempotent: a second call finds nothing and writes nothing', async () => {
    const before = t.cloud.db.snapshot()
    expect(await erase(A)).toEqual({ deleted: false, complete: true, anonymised: 0, removed: 0 })
    expect(t.cloud.db.snapshot().checksum).toBe(before.checksum)
  })

  it('leaves another shopper’s data exactly as it was', async () => {
    const { exportedAt: _e, ...b } = await myData(B)
    expect(JSON.stringify(b)).toBe(bBefore)
  })

  it('makes a returning shopper a fan again with a fresh record, but no second welcome coupon (#18.2)', async () => {
    const back = await checkIn(A)
    expect(back).toMatchObject({ isNewFan: true, visitCount: 1 })
    expect(back.couponsIssued).toHaveLength(0)
    const d = await myData(A)
    expect(d).toMatchObject({ visits: { total: 1 }, coupons: { total: 0 }, sales: { total: 0 }, groupJoins: { total: 0 } })
    expect((await drift()).rowsDrifted).toBe(0)
  })
})

describe('an employee deleting their data', () => {
  it('loses only their shopper record: the staff record, role and own fans stay', async () => {
    await checkIn('priv-fan-of-sf03', 'sf03')
    await checkIn('demo-staff-3', 'sf01')
    expect((await session('demo-staff-3')).fan).not.toBeNull()
    const ownFans = (await fansOf('demo-staff-3')).total
    expect(await erase('demo-staff-3')).toMatchObject({ deleted: true, complete: true })
    const s = await session('demo-staff-3')
    expect(s).toMatchObject({ role: 'staff', fan: null, staff: { staffId: 'sf03' } })
    expect((await fansOf('demo-staff-3')).total).toBe(ownFans)
    expect(await db().collection('staff').where({ openid: 'demo-staff-3', active: true }).count()).toEqual(expect.objectContaining({ total: 1 }))
    expect((await drift()).rowsDrifted).toBe(0)
  })
})

describe('a deletion that stops halfway', () => {
  it('is finished by the next call under the same anonymous id, and the counters end equal to the events', async () => {
    const C = 'priv-shopper-c'
    await richHistory(C)
    // Loaded once the local cloud is bound: the module reads the database handle when it loads.
    const { eraseMyData } = require('../../src/functions/_lib/privacy-erase') as typeof import('../../src/functions/_lib/privacy-erase')
    const outcomes = []
    // A deadline already past: each call does one batch and stops, as a timed-out or crashed run would.
    for (let i = 0; i < 30; i++) {
      const o = await eraseMyData(C, { now: Date.now(), deadline: 0 })
      outcomes.push(o)
      if (o.complete) break
    }
    expect(outcomes.length).toBeGreaterThan(3)
    expect(outcomes.slice(0, -1).every((o) => !o.complete && o.deleted)).toBe(true)
    expect(await erase(C)).toMatchObject({ deleted: false, complete: true })
    expect(everything()).not.toContain(C)
    // one tombstone for the whole history: its visits, coupons and sales all carry the fan tombstone's id
    const tombs = (await db().collection('fans').where({ erased: true }).get()).data.map((f) => String(f._id))
    const visitOwners = new Set((await db().collection('visits').where({ storeId: 'st01' }).get()).data.map((v) => String(v.fanId)))
    const orphans = [...visitOwners].filter((id) => id.startsWith('deleted-') && !tombs.includes(id))
    expect(orphans).toEqual([])
    expect((await drift()).rowsDrifted).toBe(0)
  })
})

// Last: its hand-written events make today's counters differ from the log for every later recount.
describe('a long history', () => {
  const D = 'priv-shopper-d'
  beforeAll(async () => {
    await checkIn(D)
    // written straight to the log (more than one get() answers): the counters do not know them, which is fine here
    const at = Date.now() - 1000
    for (let i = 0; i < 205; i++)
      await db()
        .collection('visits')
        .add({ data: { fanId: D, storeId: 'st01', servingStaffId: 'sf01', ownerStaffId: 'sf01', channel: 'staff_code', at: at - i, dayKey: today() } })
    for (let i = 0; i < 45; i++) {
      const _id = couponIdFor(D, 'tpl-manual', `manual:${i}`)
      await db()
        .collection('coupons')
        .add({
          data: {
            _id,
            code: `M${String(i).padStart(7, '0')}`,
            fanId: D,
            templateId: 'tpl-manual',
            title: '手动券',
            kind: 'gift',
            value: 0,
            thresholdFen: 0,
            validFrom: at,
            validUntil: at + DAY_MS,
            storeIds: null,
            issuedAt: at - i,
            issuedBy: 'mg01',
            occasion: `manual:${i}`,
            storeId: 'st01',
            ownerStaffId: 'sf01',
            redeemedAt: null
          }
        })
    }
  })

  it('is exported up to the cap, saying how many there are in all', async () => {
    const d = await myData(D)
    expect(d.visits).toMatchObject({ total: 206, truncated: true })
    expect(d.visits.rows).toHaveLength(d.cap)
    expect(d.coupons).toMatchObject({ total: 46, truncated: false })
  })

  it('is deleted in batches, leaving what the counters recount unchanged', async () => {
    const before = await drift()
    expect(await erase(D)).toMatchObject({ deleted: true, complete: true, anonymised: 206 + 46 + 1 }) // + its check-in's binding event
    expect(everything()).not.toContain(D)
    const after = await drift()
    expect(after.events).toEqual(before.events)
    expect(after.drift).toEqual(before.drift)
  })
})

describe('#18.2 a former fan who scans again', () => {
  it('#18.2 after deletion gets a new member code, no welcome gift again, and the old coupon code stays unusable', async () => {
    const R = 'priv-returning'
    const driftBefore = await drift()
    const first = await checkIn(R)
    const oldCode = first.couponsIssued[0].code
    const oldMember = (await session(R)).fan!.memberCode
    expectOk(await t.call('redeemCoupon', { code: oldCode, amountFen: 3000 }, 'demo-staff-1'))
    const newFans = async () =>
      (await db().collection('counters').where({ storeId: 'st01', staffId: 'sf01' }).get()).data.reduce((n, r) => n + Number(r.newFans), 0)
    const credited = await newFans()
    let done = false
    for (let i = 0; i < 20 && !done; i++) done = (await erase(R)).complete
    expect(done).toBe(true)

    const again = await checkIn(R)
    expect(again.couponsIssued).toEqual([])
    expect((await session(R)).fan!.memberCode).not.toBe(oldMember)
    const wallet = expectOk(await t.call('wallet', {}, R))
    expect(wallet.usable).toEqual([])
    const atTill = await t.call('couponPreview', { code: oldCode }, 'demo-staff-1')
    expect(atTill.ok && atTill.data.usable).toBeFalsy()
    // the staff member is not credited with the same person as a new fan again
    expect(await newFans()).toBe(credited)
    // counters still equal a recount (other tests in this file leave their own drift: compare with before)
    const gap = (d: typeof driftBefore) => d.drift.map((f) => [f.field, f.rows, f.stored - f.counted])
    expect(gap(await drift())).toEqual(gap(driftBefore))
    // and what is kept to know them again is a keyed hash, not the openid
    expect(everything()).not.toContain(`formerFans ${R}`)
  })
})
