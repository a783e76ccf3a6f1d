import type { TestCloud } from '../support/local-cloud'

/** China wall-clock time → epoch ms (UTC+8, no DST). */
export const cst = (date: string, time: string) => Date.parse(`${date}T${time}+08:00`)

/** Only Date moves: timers stay real, so the local cloud's own timeouts behave as usual. */
export function setClock(ms: number): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance'
    ]
  })
  jest.setSystemTime(ms)
}

/**
 * The hand-built history the KPI tests count by hand. Check-ins go through the real function at
 * boundary instants (so counters are bumped by the event path); sales and redemptions are written to
 * the event log only, so the counters do not know them until a rebuild.
 *
 * 11-10 23:59:59  f1 scans 王芳 sf01 (st01): new fan, staff code, welcome coupon   → day 11-10
 * 11-10 23:59:59  f1 buys ¥30 served by sf01: f1's first purchase
 * 11-11 00:00:00  f2 scans the st01 store code: new fan, store code, coupon         → day 11-11
 * 11-11 00:00:00  f1 buys ¥45 served by 李娜 sf02: a repurchase
 * 11-11 10:00     f1 scans sf01 again: a visit
 * 11-11 11:00     f3 opens 张伟 sf03's shared card (st02): new fan, shared card, coupon
 * 11-11 12:00     f3 buys ¥20 served by sf03: first purchase; sf04 redeems f3's coupon
 * 11-11 12:30     a redemption at st01, undone a minute later: not counted
 * 11-11 23:59:59  f2 scans 李娜 sf02 (st01): f2 bound to sf02, but no second visit (same store and
 *                 China day as 00:00, #18.3); then buys ¥15 at the till
 *                 with no staff credited: f2's first purchase
 * 11-12 00:00:00  f1 scans sf01: a visit today
 */
export async function buildHistory(t: TestCloud): Promise<void> {
  const scan = async (at: number, who: string, scene: string, via?: 'share') => {
    setClock(at)
    const r = await t.call('checkin', { scene, ...(via ? { via } : {}) }, who)
    if (!r.ok) throw new Error(`check-in failed: ${r.code}`)
  }
  await scan(cst('2026-11-10', '23:59:59'), 'f1', t.scene('staff', 'sf01'))
  await scan(cst('2026-11-11', '00:00:00'), 'f2', t.scene('store', 'st01'))
  await scan(cst('2026-11-11', '10:00:00'), 'f1', t.scene('staff', 'sf01'))
  await scan(cst('2026-11-11', '11:00:00'), 'f3', t.scene('staff', 'sf03'), 'share')
  await scan(cst('2026-11-11', '23:59:59'), 'f2', t.scene('staff', 'sf02'))
  await scan(cst('2026-11-12', '00:00:00'), 'f1', t.scene('staff', 'sf01'))
  const db = t.cloud.db.api()
  const sale = (n: number, fanId: string, storeId: string, at: number, amountFen: number, servingStaffId: string | null, ownerStaffId: string | null) =>
    db.collection('sales').add({
      data: {
        _id: `sale-${n}`,
        fanId,
        storeId,
        amountFen,
        at,
        dayKey: new Date(at + 8 * 3600_000).toISOString().slice(0, 10),
        ownerStaffId,
        servingStaffId,
        source: 'staff',
        idempotencyKey: `k${n}`
      }
    })
  await sale(1, 'f1', 'st01', cst('2026-11-10', '23:59:59'), 3000, 'sf01', 'sf01')
  await sale(2, 'f1', 'st01', cst('2026-11-11', '00:00:00'), 4500, 'sf02', 'sf01')
  await sale(3, 'f3', 'st02', cst('2026-11-11', '12:00:00'), 2000, 'sf03', 'sf03')
  await sale(4, 'f2', 'st01', cst('2026-11-11', '23:59:59'), 1500, null, 'sf02')
  const redemption = (id: string, storeId: string, servingStaffId: string, at: number, undoneAt: number | null) =>
    db.collection('redemptions').add({
      data: {
        _id: id,
        couponId: `c-${id}`,
        templateId: 'tpl-welcome',
        fanId: 'f3',
        storeId,
        servingStaffId,
        ownerStaffId: 'sf03',
        amountFen: null,
        saleId: null,
        at,
        dayKey: '2026-11-11',
        undoneAt,
        undoneBy: null
      }
    })
  await redemption('rd-1', 'st02', 'sf04', cst('2026-11-11', '12:00:00'), null)
  await redemption('rd-2', 'st01', 'sf01', cst('2026-11-11', '12:30:00'), cst('2026-11-11', '12:31:00'))
}

/** "Now" for the assertions: noon on 11-12, so 11-10 and 11-11 are closed days and 11-12 is today. */
export const NOON_12TH = cst('2026-11-12', '12:00:00')
