import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'
import { fanOf, sharePhone } from './book-support'

/**
 * Notes, tags and consented fields are seen by the fan's owning staff member and the managers of that
 * member's store (a brand manager manages every store), and by nobody else: not a colleague in the same
 * store, not another store's staff or store manager. In the demo brand sf01, sf02 work at st01, sf03 at
 * st02; demo-store-manager manages st02 only, demo-manager the whole brand.
 */
let t: TestCloud
const FAN = 'book-vis-fan'
let code: string

const OWNER = 'demo-staff-1'
const COLLEAGUE = 'demo-staff-2'
const OTHER_STORE = 'demo-staff-3'
const OTHER_STORE_MANAGER = 'demo-store-manager'
const BRAND_MANAGER = 'demo-manager'

beforeAll(async () => {
  t = await startTestCloud()
  code = await fanOf(t, FAN, 'sf01')
  await sharePhone(t, FAN, '13700001234')
  expectOk(await t.call('fanNote', { memberCode: code, tags: ['爱拿铁', '周末'], note: '喜欢燕麦奶，不要糖' }, OWNER))
})
afterAll(async () => {
  await t.stop()
})

describe('who sees a fan in the book', () => {
  it('the owner sees tags and notes, with the author named', async () => {
    const d = expectOk(await t.call('fanDetail', { memberCode: code }, OWNER))
    expect(d.tags).toEqual(['爱拿铁', '周末'])
    expect(d.notes).toEqual([expect.objectContaining({ text: '喜欢燕麦奶，不要糖', by: '王芳' })])
    expect(d.phoneTail).toBe('1234')
  })

  it.each([
    ['a colleague in the same store', COLLEAGUE],
    ['staff of another store', OTHER_STORE],
    ['the manager of another store', OTHER_STORE_MANAGER]
  ])('%s is refused the page, the notes and the actions', async (_who, openid) => {
    for (const [name, event] of [
      ['fanDetail', { memberCode: code }],
      ['fanNote', { memberCode: code, note: '偷看' }],
      ['fanNote', { memberCode: code, tags: ['改掉'] }],
      ['followUpAction', { memberCode: code, action: 'done', requestId: 'vis-1' }]
    ] as const) {
      expect(await t.call(name, event, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    // and finds nothing by searching their own book either
    expect(expectOk(await t.call('fanBook', { q: '1234' }, openid)).rows).toEqual([])
    expect(expectOk(await t.call('fanBook', { q: code }, openid)).rows).toEqual([])
  })

  it('nothing a refused caller tried was written', async () => {
    const d = expectOk(await t.call('fanDetail', { memberCode: code }, OWNER))
    expect(d.tags).toEqual(['爱拿铁', '周末'])
    expect(d.notes.map((n) => n.text)).toEqual(['喜欢燕麦奶，不要糖'])
    expect(await t.count('followUps')).toBe(0)
  })

  it("staff cannot open a colleague's book; the store's managers can", async () => {
    expect(await t.call('fanBook', { staffId: 'sf01' }, COLLEAGUE)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('followUps', { staffId: 'sf01' }, COLLEAGUE)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('fanBook', { staffId: 'sf01' }, OTHER_STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const seen = expectOk(await t.call('fanBook', { staffId: 'sf01', q: '1234' }, BRAND_MANAGER))
    expect(seen.rows.map((r) => r.memberCode)).toEqual([code])
  })

  it('the brand manager sees and adds notes', async () => {
    expectOk(await t.call('fanNote', { memberCode: code, note: '店长：下次生日送蛋糕' }, BRAND_MANAGER))
    const d = expectOk(await t.call('fanDetail', { memberCode: code }, BRAND_MANAGER))
    expect(d.notes.map((n) => n.text)).toEqual(['店长：下次生日送蛋糕', '喜欢燕麦奶，不要糖'])
  })

  it('after a transfer the new owner sees the notes and the old owner no longer does', async () => {
    expectOk(await t.call('transferFans', { fromStaffId: 'sf01', toStaffId: 'sf02' }, BRAND_MANAGER))
    expect(expectOk(await t.call('fanDetail', { memberCode: code }, COLLEAGUE)).notes).toHaveLength(2)
    expect(await t.call('fanDetail', { memberCode: code }, OWNER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('notes page by keyset', () => {
  it('25 notes come as 20 and 5, newest first, none twice, and a forged cursor is refused', async () => {
    const fan = 'book-vis-many-notes'
    const many = await fanOf(t, fan, 'sf01')
    for (let i = 0; i < 25; i++) expectOk(await t.call('fanNote', { memberCode: many, note: `备注 ${i}` }, OWNER))
    const first = expectOk(await t.call('fanDetail', { memberCode: many }, OWNER))
    expect(first.notes).toHaveLength(20)
    const second = expectOk(await t.call('fanNote', { memberCode: many, olderThan: first.notesNext! }, OWNER))
    expect(second.notesNext).toBeNull()
    const all = [...first.notes, ...second.notes]
    expect(new Set(all.map((n) => n.text))).toEqual(new Set(Array.from({ length: 25 }, (_, i) => `备注 ${i}`)))
    // newest first (notes written in the same millisecond are ordered by id, and still come once)
    expect(all.map((n) => n.at)).toEqual([...all.map((n) => n.at)].sort((a, b) => b - a))
    expect(await t.call('fanNote', { memberCode: many, olderThan: '1~x' }, OWNER)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // the cursor is no key to someone else's notes
    expect(await t.call('fanNote', { memberCode: many, olderThan: first.notesNext! }, COLLEAGUE)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
