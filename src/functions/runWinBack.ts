import { managerStoreScope } from './_lib/caller'
import { cloud } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { migrateLegacyPhones } from './_lib/phone-rows'
import { runWinBack } from './_lib/sales-winback'

/** The platform's timer event: { Type: 'Timer', TriggerName, Time } (Tencent SCF spells Type 'timer'). */
function isTimerEvent(e: unknown): boolean {
  const x = e as { Type?: unknown; TriggerName?: unknown } | null
  return !!x && typeof x === 'object' && typeof x.Type === 'string' && /^timer$/i.test(x.Type) && typeof x.TriggerName === 'string'
}

const onDemand = defineFunction('runWinBack', async ({ dryRun = false, lapseDays }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  // Brand-wide: coupons and consents are the brand's, so a store manager may not run it for everyone.
  if (managerStoreScope(caller.staff) !== null) throw new AppError('FORBIDDEN', '只有品牌运营可以运行召回')
  return runWinBack({ trigger: 'manual', by: caller.staff._id, dryRun, lapseDays, now: Date.now() })
})

/**
 * A timer event carries no openid, which defineFunction refuses, so it is recognised first. Only an event
 * without an openid can be the timer: a shopper's callFunction always has one and goes the manager path.
 */
export async function main(event: unknown) {
  if (!cloud.getWXContext().OPENID && isTimerEvent(event)) {
    try {
      // the daily maintenance slot also re-keys phone rows still under the pre-#18.21 bare hash
      await migrateLegacyPhones(200).catch((err: unknown) => console.error(`[runWinBack] phone re-key: ${err instanceof Error ? err.message : String(err)}`))
      return { ok: true, data: await runWinBack({ trigger: 'timer', by: 'timer', dryRun: false, now: Date.now() }) }
    } catch (err) {
      console.error(`[runWinBack] timer run failed: ${err instanceof Error ? err.message : String(err)}`)
      return { ok: false, code: 'INTERNAL', message: '召回运行失败' }
    }
  }
  return onDemand(event)
}
