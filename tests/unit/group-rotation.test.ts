import { chinaDayKeyStart, DAY_MS } from '../../src/domain/china-time'
import { daysLeft, groupCodeExpiry, groupWarning, isUsable, pickGroup, type GroupCode } from '../../src/domain/group-rotation'

const HOUR = 3600_000
// 2024-11-28 10:00 China time = 02:00 UTC
const NOW = Date.parse('2024-11-28T02:00:00Z')
const g = (over: Partial<GroupCode> & { id: string }): GroupCode & { id: string } => ({
  expiresAt: NOW + 3 * DAY_MS,
  capacity: 200,
  members: 0,
  full: false,
  ...over
})

describe('group code expiry (China time)', () => {
  it('a code valid "until 11-30" expires at 00:00 China time on 12-01, i.e. 16:00 UTC on 11-30', () => {
    expect(groupCodeExpiry('2024-11-30', NOW)).toBe(Date.parse('2024-11-30T16:00:00Z'))
    expect(groupCodeExpiry('2024-11-30', NOW)).toBe(chinaDayKeyStart('2024-12-01'))
  })

  it("is capped by the QR's own 7-day limit from upload", () => {
    expect(groupCodeExpiry('2024-12-31', NOW)).toBe(NOW + 7 * DAY_MS)
  })

  it('is usable up to the last millisecond of its last China day and not after', () => {
    const code = g({ id: 'a', expiresAt: groupCodeExpiry('2024-11-30', NOW) })
    expect(isUsable(code, Date.parse('2024-11-30T15:59:59.999Z'))).toBe(true) // 23:59:59 in Shanghai
    expect(isUsable(code, Date.parse('2024-11-30T16:00:00Z'))).toBe(false)
  })
})

describe('rotation', () => {
  it('skips expired groups, groups marked full and groups at capacity', () => {
    const groups = [
      g({ id: 'expired', expiresAt: NOW - 1, members: 0 }),
      g({ id: 'marked', full: true }),
      g({ id: 'at-capacity', members: 200 }),
      g({ id: 'ok', members: 150 })
    ]
    expect(pickGroup(groups, NOW)?.id).toBe('ok')
    expect(pickGroup(groups.slice(0, 3), NOW)).toBeNull()
    expect(pickGroup([], NOW)).toBeNull()
  })

  it('prefers the freshest code between equally filled groups', () => {
    expect(pickGroup([g({ id: 'old', expiresAt: NOW + DAY_MS }), g({ id: 'new', expiresAt: NOW + 5 * DAY_MS })], NOW)?.id).toBe('new')
  })

  it('spreads joins fairly: each join goes to the least-filled group, so fills stay within one member', () => {
    const groups = [
      g({ id: 'a', capacity: 100 }),
      g({ id: 'b', capacity: 100, expiresAt: NOW + 5 * DAY_MS }),
      g({ id: 'c', capacity: 100, expiresAt: NOW + HOUR })
    ]
    for (let i = 0; i < 150; i++) pickGroup(groups, NOW)!.members++
    const members = groups.map((x) => x.members)
    expect(members.reduce((a, b) => a + b)).toBe(150)
    expect(Math.max(...members) - Math.min(...members)).toBeLessThanOrEqual(1)
  })

  it('spreads by fill, not head count: a bigger group takes proportionally more', () => {
    const groups = [g({ id: 'small', capacity: 100 }), g({ id: 'big', capacity: 300 })]
    for (let i = 0; i < 200; i++) pickGroup(groups, NOW)!.members++
    expect(groups[0].members).toBe(50)
    expect(groups[1].members).toBe(150)
  })
})

describe('the warning rule', () => {
  it('is quiet while the last usable code has more than two days left', () => {
    expect(groupWarning([g({ id: 'a', expiresAt: NOW + DAY_MS }), g({ id: 'b', expiresAt: NOW + 2 * DAY_MS + 1 })], NOW)).toBeNull()
  })

  it('warns two days before the last usable code expires, naming that expiry', () => {
    const last = NOW + 2 * DAY_MS
    expect(groupWarning([g({ id: 'a', expiresAt: NOW + DAY_MS }), g({ id: 'b', expiresAt: last })], NOW)).toEqual({ kind: 'expiring', lastExpiresAt: last })
  })

  it('ignores full groups when finding the last usable code', () => {
    const w = groupWarning([g({ id: 'a', expiresAt: NOW + DAY_MS }), g({ id: 'b', expiresAt: NOW + 6 * DAY_MS, full: true })], NOW)
    expect(w).toEqual({ kind: 'expiring', lastExpiresAt: NOW + DAY_MS })
  })

  it('says so when nothing is usable at all', () => {
    expect(groupWarning([], NOW)).toEqual({ kind: 'none_usable', lastExpiresAt: null })
    expect(groupWarning([g({ id: 'a', expiresAt: NOW - 1 })], NOW)?.kind).toBe('none_usable')
  })

  it('counts days left up, and never below zero', () => {
    expect(daysLeft(NOW + 3 * HOUR, NOW)).toBe(1)
    expect(daysLeft(NOW + 2 * DAY_MS, NOW)).toBe(2)
    expect(daysLeft(NOW - HOUR, NOW)).toBe(0)
  })
})
