import { contract } from '../../src/contract'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'
import { fanOf, patch, sharePhone } from './book-support'

/** The customer book's records are the fan's: in their export, and gone (or unlinkable) after deletion. */
let t: TestCloud
const FAN = 'book-priv-fan'
const OTHER = 'book-priv-other'
let code: string
let otherCode: string

beforeAll(async () => {
  t = await startTestCloud()
  code = await fanOf(t, FAN)
  otherCode = await fanOf(t, OTHER)
  expectOk(await t.call('fanProfile', { nickname: '阿May', birthMonth: 11 }, FAN))
  await sharePhone(t, FAN, '13600009876')
  expectOk(await t.call('fanNote', { memberCode: code, tags: ['VIP'], note: '对坚果过敏' }, 'demo-staff-1'))
  expectOk(await t.call('fanNote', { memberCode: otherCode, tags: ['学生'], note: '别人的备注' }, 'demo-staff-1'))
  await patch(t, 'fans', FAN, { createdAt: Date.now() - 30 * 86_400_000 })
  expectOk(await t.call('followUpAction', { memberCode: code, action: 'done', note: '微信聊过，周末来', requestId: 'priv-1' }, 'demo-staff-1'))
})
afterAll(async () => {
  await t.stop()
})

describe('export and erase of the customer book', () => {
  it('the export lists the consented fields, tags, notes and follow-ups, and nothing of another fan', async () => {
    const data = expectOk(await t.call('myData', {}, FAN))
    expect(contract.myData.output.parse(data)).toBeTruthy()
    expect(data.book).toEqual({
      profile: { nickname: '阿May', avatarUrl: null, phoneTail: '9876', birthMonth: 11 },
      tags: ['VIP'],
      notes: [{ text: '对坚果过敏', at: expect.any(Number) }],
      followUps: [{ reason: 'new_no_purchase', action: 'done', note: '微信聊过，周末来', at: expect.any(Number) }]
    })
    expect(JSON.stringify(data)).not.toContain('别人的备注')
  })

  it('deletion removes the notes, the profile and tags, keeps the follow-up count without its note or the person', async () => {
    for (let i = 0; i < 10; i++) if (expectOk(await t.call('deleteMyData', { confirm: true }, FAN)).complete) break
    expect(await t.count('fanNotes', { fanId: FAN })).toBe(0)
    expect(await t.count('followUps', { fanId: FAN })).toBe(0)
    const kept = (await t.cloud.db.api().collection('followUps').where({}).get()).data
    expect(kept).toHaveLength(1)
    expect(kept[0]).toMatchObject({ note: '', staffId: 'sf01' })
    const stored = JSON.stringify((await t.cloud.db.api().collection('fans').where({}).get()).data)
    expect(stored).not.toMatch(/阿May|9876|VIP|对坚果过敏/)
    expect(expectOk(await t.call('myData', {}, FAN)).book).toEqual({
      profile: { nickname: null, avatarUrl: null, phoneTail: null, birthMonth: null },
      tags: [],
      notes: [],
      followUps: []
    })
    // the other fan's book is untouched
    expect(expectOk(await t.call('fanDetail', { memberCode: otherCode }, 'demo-staff-1')).notes.map((n) => n.text)).toEqual(['别人的备注'])
  })
})
