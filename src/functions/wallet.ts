import type { WalletCoupon } from '../contract/coupons'
import { db } from './_lib/cloud'
import { pausedTemplates, walletCoupon } from './_lib/coupons'
import { namesById } from './_lib/reads'
import { defineFunction } from './_lib/define'
import type { CouponDoc } from './_lib/docs'

const SHOWN = 100

export const main = defineFunction(
  'wallet',
  async (_input, caller) => {
    const now = Date.now()
    // Newest first on the (fanId, issuedAt) index; one more than shown tells whether older ones exist.
    const res = await db
      .collection('coupons')
      .where({ fanId: caller.openid })
      .orderBy('issuedAt', 'desc')
      .limit(SHOWN + 1)
      .get()
    const coupons = (res.data as CouponDoc[]).slice(0, SHOWN)
    const [paused, names] = await Promise.all([
      pausedTemplates(coupons.map((c) => c.templateId)),
      namesById(
        'stores',
        coupons.flatMap((c) => c.storeIds ?? [])
      )
    ])
    const groups: Record<WalletCoupon['state'], WalletCoupon[]> = { usable: [], used: [], expired: [] }
    for (const c of coupons) {
      const view = walletCoupon(c, now, paused, names)
      groups[view.state].push(view)
    }
    // Usable ones that end soonest first: that is the one to spend.
    groups.usable.sort((a, b) => a.validUntil - b.validUntil)
    groups.used.sort((a, b) => (b.redeemedAt ?? 0) - (a.redeemedAt ?? 0))
    return { ...groups, truncated: res.data.length > SHOWN }
  },
  // Anyone's own coupons, by openid alone: no staff lookup for the role (one round trip fewer, #20).
  { role: 'shopper' }
)
