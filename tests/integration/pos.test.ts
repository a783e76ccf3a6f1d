import { createHash } from 'node:crypto'
import { signBody } from '../../src/functions/_lib/sales-signature'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

const SECRET = 'test-pos-secret'
let t: TestCloud
let memberCode: string
beforeAll(() => {
  process.env.FANLOOP_POS_SECRET = SECRET
})
beforeEach(async () => {
  t = await startTestCloud({ serve: true })
  expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'pos-fan'))
  memberCode = expectOk(await t.call('session', {}, 'pos-fan')).fan!.memberCode
})
afterEach(async () => {
  await t.stop()
})

const nowSec = () => String(Math.floor(Date.now() / 1000))
interface Sent {
  status: number
  json: { ok: boolean; code?: string; data?: Record<string, unknown> }
}
function signed(body: string, opts: { ts?: string; secret?: string } = {}): Record<string, string> {
  const ts = opts.ts ?? nowSec()
  return { 'content-type': 'application/json', 'x-fanloop-timestamp': ts, 'x-fanloop-signature': signBody(opts.secret ?? SECRET, ts, body) }
}
const post = (body: string, opts: { ts?: string; secret?: string } = {}) => send(body, signed(body, opts))
async function send(body: string, headers: Record<string, string>) {
  const res = await fetch(`${t.url}/http/posSale`, { method: 'POST', headers, body })
  return { status: res.status, json: (await res.json()) as Sent['json'], headers }
}
const order = (orderId: string, extra: Record<string, unknown> = {}) => JSON.stringify({ orderId, storeId: 'st01', amountFen: 12900, memberCode, ...extra })

describe('POS sales over the signed HTTP trigger', () => {
  it('accepts a good signature and records the sale against the fan, the store and the cashier', async () => {
    const r = await post(order('POS-1001', { staffId: 'sf02' }))
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ ok: true, data: { memberCode, amountFen: 12900, repurchase: false, created: true } })
    const sales = (await t.cloud.db.api().collection('sales').where({ fanId: 'pos-fan' }).get()).data
    expect(sales).toEqual([
      expect.objectContaining({ storeId: 'st01', source: 'pos', idempotencyKey: 'POS-1001', servingStaffId: 'sf02', ownerStaffId: 'sf01' })
    ])
  })

  it('records one sale for the same order id sent twice (a POS retry signs again)', async () => {
    const first = await post(order('POS-2002'))
    const ts = String(Number(nowSec()) + 1) // a retry one second later: new timestamp, new signature
    const retry = await post(order('POS-2002'), { ts })
    expect(first.json).toMatchObject({ ok: true, data: { created: true } })
    expect(retry.status).toBe(200)
    expect(retry.json).toMatchObject({ ok: true, data: { created: false, saleId: first.json.data!.saleId } })
    expect(await t.count('sales', { fanId: 'pos-fan' })).toBe(1)
    // the same order id with another amount is a conflict, not a second sale
    const clash = await post(order('POS-2002', { amountFen: 1 }), { ts: String(Number(ts) + 1) })
    expect(clash).toMatchObject({ status: 409, json: { ok: false, code: 'CONFLICT' } })
  })

  it('refuses a bad signature, a stale timestamp, a replay and a malformed body, writing nothing', async () => {
    const good = await post(order('POS-3003'))
    expect(good.status).toBe(200)
    const before = t.cloud.db.snapshot()
    const body = order('POS-3004')
    const cases: Array<[string, Promise<Sent>, number]> = [
      ['wrong secret', post(body, { secret: 'guess' }), 401],
      ['tampered body', send(order('POS-3004', { amountFen: 1 }), signed(body)), 401],
      ['no signature', send(body, { 'content-type': 'application/json' }), 401],
      ['stale timestamp', post(body, { ts: String(Number(nowSec()) - 6 * 60) }), 401],
      ['future timestamp', post(body, { ts: String(Number(nowSec()) + 6 * 60) }), 401],
      ['replay', send(order('POS-3003'), good.headers), 409],
      ['not JSON', post('{"orderId": "POS-3005",'), 400],
      ['negative amount', post(order('POS-3006', { amountFen: -500 })), 400],
      ['operator in a field', post(order('POS-3007', { storeId: { $ne: null } })), 400],
      ['both code and phone', post(order('POS-3008', { phone: '13800000000' })), 400],
      ['unknown member', post(order('POS-3009', { memberCode: 'ZZZZZZZZZZ' })), 400],
      ['unknown store', post(order('POS-3010', { storeId: 'st99' })), 400]
    ]
    for (const [what, pending, status] of cases) {
      const r = await pending
      expect([what, r.status, r.json.ok]).toEqual([what, status, false])
    }
    expect(t.cloud.db.snapshot()).toEqual(before)
  })

  it('#18.4 a refused POS sale writes nothing', async () => {
    expect((await post(order('POS-4001'))).status).toBe(200)
    // another fan, who never bought (no purchase summary yet), at another store and till (no counter row yet)
    expectOk(await t.call('checkin', { scene: t.scene('store', 'st02') }, 'pos-fan-2'))
    const other = expectOk(await t.call('session', {}, 'pos-fan-2')).fan!.memberCode
    const before = t.cloud.db.snapshot()
    const clash = await post(order('POS-4001', { memberCode: other, storeId: 'st02', staffId: 'sf03' }))
    expect(clash).toMatchObject({ status: 409, json: { ok: false, code: 'CONFLICT' } })
    const amount = await post(order('POS-4001', { amountFen: 1, storeId: 'st02' }))
    expect(amount).toMatchObject({ status: 409, json: { ok: false, code: 'CONFLICT' } })
    expect(t.cloud.db.snapshot()).toEqual(before)
  })

  it('answers a callFunction event with the usual envelope and never writes', async () => {
    const before = t.cloud.db.snapshot()
    const body = JSON.parse(order('POS-4004')) as Record<string, unknown>
    expect(await t.call('posSale', body as never, 'demo-manager')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(await t.call('posSale', body as never)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(await t.http('posSale', body as never)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(t.cloud.db.snapshot()).toEqual(before)
  })
})

describe('identifying the fan by a bound phone', () => {
  const localCloudID = (data: object) => `local-cloudid:${Buffer.from(JSON.stringify(data)).toString('base64url')}`
  const byPhone = (orderId: string, phone: string) => JSON.stringify({ orderId, storeId: 'st01', amountFen: 6600, phone })

  it('records a POS sale by the phone the fan bound through WeChat’s phone authorisation', async () => {
    expect((await post(byPhone('POS-P1', '13912345678'))).json).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const bound = expectOk(await t.call('bindPhone', { cloudID: localCloudID({ purePhoneNumber: '13912345678', countryCode: '86' }) }, 'pos-fan'))
    expect(bound.masked).toBe('139****5678')
    const r = await post(byPhone('POS-P2', '+8613912345678'))
    expect(r.json).toMatchObject({ ok: true, data: { memberCode, amountFen: 6600, created: true } })
    // the number itself is stored nowhere, only its hash
    expect(JSON.stringify((await t.cloud.db.api().collection('fanPhones').where({}).get()).data)).not.toContain('13912345678')
  })

  it('#18.21 the phone is stored under a keyed hash (not a bare SHA-256), and rows under the old hash are migrated', async () => {
    const sha = (p: string) => createHash('sha256').update(p).digest('hex')
    expectOk(await t.call('bindPhone', { cloudID: localCloudID({ purePhoneNumber: '13912345678' }) }, 'pos-fan'))
    const ids = async () => (await t.cloud.db.api().collection('fanPhones').where({}).get()).data.map((d) => String(d._id))
    // enumerating 11-digit numbers through SHA-256 must not find the row: its key needs the secret
    expect(await ids()).not.toContain(sha('13912345678'))
    expect(await ids()).toHaveLength(1)
    // a row bound before keyed hashes (bare SHA-256) still finds its fan, and is re-keyed on the way
    expectOk(await t.call('checkin', { scene: t.scene('store', 'st01') }, 'legacy-fan'))
    const legacyCode = expectOk(await t.call('session', {}, 'legacy-fan')).fan!.memberCode
    await t.cloud.db
      .api()
      .collection('fanPhones')
      .add({ data: { _id: sha('13700000001'), fanId: 'legacy-fan' } })
    expect((await post(byPhone('POS-P21', '13700000001'))).json).toMatchObject({ ok: true, data: { memberCode: legacyCode } })
    expect(await ids()).not.toContain(sha('13700000001'))
    expect(await ids()).toHaveLength(2)
    expect((await post(byPhone('POS-P22', '13700000001'))).json).toMatchObject({ ok: true, data: { memberCode: legacyCode } })
  })

  it('binds nothing from a cloudID that cannot be decrypted, or for someone who is not a fan', async () => {
    const before = t.cloud.db.snapshot()
    expect(await t.call('bindPhone', { cloudID: 'forged-cloud-id' }, 'pos-fan')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await t.call('bindPhone', { cloudID: localCloudID({ purePhoneNumber: '13900000000' }) }, 'not-a-fan')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
    expect(t.cloud.db.snapshot()).toEqual(before)
  })
})
