import { DEFAULT_POLICY, type AttributionPolicy } from '../../src/contract'
import { decideBinding, type FanBinding } from '../../src/domain/attribution'
import { DAY_MS } from '../../src/domain/china-time'

const T0 = Date.UTC(2026, 10, 1, 4, 0, 0)
const policy = (p: Partial<AttributionPolicy>): AttributionPolicy => ({ ...DEFAULT_POLICY, ...p })
const fan = (p: Partial<FanBinding>): FanBinding => ({ capturingStaffId: 'A', ownerStaffId: 'A', boundAt: T0, lastVisitAt: T0, ...p })
const scan = (staffId: string | null, daysLater: number, selfScan = false) => ({ staffId, selfScan, at: T0 + daysLater * DAY_MS })

describe('attribution policy', () => {
  // [name, policy, fan before, scan, expected owner, expected capturing, expected reasons]
  const table: Array<[string, AttributionPolicy, FanBinding | null, ReturnType<typeof scan>, string | null, string | null, string[]]> = [
    ['new fan by staff code is bound to that staff', policy({}), null, scan('A', 0), 'A', 'A', ['first_capture']],
    ['new fan by store code is store-owned', policy({}), null, scan(null, 0), null, null, []],
    ['self-scan of own code earns nothing for a new fan', policy({}), null, scan('A', 0, true), null, null, []],
    ['self-scan does not take over a fan owned by another', policy({ mode: 'last' }), fan({}), scan('B', 1, true), 'A', 'A', []],
    ['first: another staff cannot take the fan', policy({ mode: 'first' }), fan({}), scan('B', 100), 'A', 'A', []],
    ['first: protection period still running keeps owner', policy({ protectionDays: 30 }), fan({}), scan('B', 29), 'A', 'A', []],
    ['first: protection lapsed, new staff takes over', policy({ protectionDays: 30 }), fan({}), scan('B', 30), 'B', 'A', ['protection_lapsed']],
    ['last: latest staff code takes over', policy({ mode: 'last' }), fan({}), scan('B', 1), 'B', 'A', ['last_scan']],
    ['last: window lapsed, store code returns fan to store', policy({ mode: 'last', windowDays: 7 }), fan({}), scan(null, 8), null, 'A', ['window_lapsed']],
    ['last: within window, store code keeps owner', policy({ mode: 'last', windowDays: 7 }), fan({}), scan(null, 6), 'A', 'A', []],
    ['store code after a staff binding keeps the staff', policy({}), fan({}), scan(null, 3), 'A', 'A', []],
    ['validity lapsed without a visit: fan returns to store', policy({ validityDays: 90 }), fan({}), scan(null, 91), null, 'A', ['validity_lapsed']],
    ['validity lapsed, then a staff code binds the fan again', policy({ validityDays: 90 }), fan({}), scan('B', 91), 'B', 'A', ['validity_lapsed', 'unowned']],
    [
      'store-owned fan is bound by the first staff code',
      policy({}),
      fan({ capturingStaffId: null, ownerStaffId: null, boundAt: null }),
      scan('B', 2),
      'B',
      'B',
      ['first_capture']
    ],
    [
      'new-fans-only: an existing store-owned fan is not bound',
      policy({ newFansOnly: true }),
      fan({ capturingStaffId: null, ownerStaffId: null, boundAt: null }),
      scan('B', 2),
      null,
      null,
      []
    ],
    ['new-fans-only: a new fan is bound', policy({ newFansOnly: true }), null, scan('B', 0), 'B', 'B', ['first_capture']],
    ['rescan by the owner changes nothing', policy({}), fan({}), scan('A', 5), 'A', 'A', []]
  ]

  it.each(table)('%s', (_name, p, before, s, owner, capturing, reasons) => {
    const d = decideBinding(before, s, p)
    expect(d.ownerStaffId).toBe(owner)
    expect(d.capturingStaffId).toBe(capturing)
    expect(d.changes.map((c) => c.reason)).toEqual(reasons)
  })

  it('records who the fan moved from and to', () => {
    const d = decideBinding(fan({}), scan('B', 1), policy({ mode: 'last' }))
    expect(d.changes).toEqual([{ from: 'A', to: 'B', reason: 'last_scan' }])
    expect(d.boundAt).toBe(T0 + DAY_MS)
  })

  it('credits the serving staff except on a self-scan', () => {
    expect(decideBinding(fan({}), scan('B', 1), policy({})).servingStaffId).toBe('B')
    expect(decideBinding(fan({}), scan('B', 1, true), policy({})).servingStaffId).toBeNull()
  })

  it('in last mode a rescan by the owner renews the window', () => {
    const d = decideBinding(fan({}), scan('A', 6), policy({ mode: 'last', windowDays: 7 }))
    expect(d.boundAt).toBe(T0 + 6 * DAY_MS)
    const later = decideBinding({ ...fan({}), boundAt: d.boundAt }, scan(null, 12), policy({ mode: 'last', windowDays: 7 }))
    expect(later.ownerStaffId).toBe('A')
  })
})
