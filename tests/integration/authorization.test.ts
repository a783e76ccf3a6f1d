import { contract, FUNCTION_NAMES, roleMayCall, type Access, type FunctionName } from '../../src/contract'
import { SAMPLE_INPUTS } from '../support/samples'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

/**
 * Generated from the contract's access column: every function, called by every kind of caller, is
 * allowed or refused exactly as the table says. Refusal means FORBIDDEN (or UNAUTHENTICATED without an
 * openid); "allowed" means the answer is anything else (a NOT_FOUND on sample data is still allowed).
 */
const CALLERS = [
  { who: 'anonymous', openid: undefined, role: null },
  { who: 'shopper', openid: 'auth-shopper', role: 'shopper' },
  { who: 'staff of st01', openid: 'demo-staff-1', role: 'staff' },
  { who: 'staff of st02', openid: 'demo-staff-3', role: 'staff' },
  { who: 'store manager of st02', openid: 'demo-store-manager', role: 'manager' },
  { who: 'brand manager', openid: 'demo-manager', role: 'manager' }
] as const

/** Store-scoped refusals the access column cannot express: the sample asks about st01. */
const STORE_SCOPED: Partial<Record<FunctionName, ReadonlyArray<string>>> = {
  managerOverview: ['store manager of st02'],
  teamList: ['store manager of st02'],
  storeCode: ['store manager of st02'],
  revokeStaffCode: ['store manager of st02'],
  transferFans: ['store manager of st02'],
  // only a brand manager changes a store or role (src/domain/member-edit.ts)
  updateMember: ['store manager of st02'],
  saveCouponTemplate: ['store manager of st02'],
  groupCodes: ['store manager of st02'],
  saveGroupCode: ['store manager of st02'],
  repurchaseStats: ['store manager of st02'],
  runWinBack: ['store manager of st02'],
  kpiDashboard: ['store manager of st02'],
  rebuildCounters: ['store manager of st02'],
  exportKpiCsv: ['store manager of st02'],
  setAttributionPolicy: ['store manager of st02'],
  saveStore: ['store manager of st02'],
  reviewCodeFlag: ['store manager of st02'],
  followUpStats: ['store manager of st02']
}

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.stop()
})

function sample(name: FunctionName): Record<string, unknown> {
  const row = SAMPLE_INPUTS[name]
  if (!row) throw new Error(`no sample input for ${name}: add a row to tests/support/samples.ts`)
  return JSON.parse(JSON.stringify(row).replace('<staff-scene>', t.scene('staff', 'sf05')))
}

describe('authorization matrix', () => {
  it('has a sample input for every function in the contract', () => {
    expect(Object.keys(SAMPLE_INPUTS).sort()).toEqual([...FUNCTION_NAMES].sort())
  })

  const cases = FUNCTION_NAMES.flatMap((name) => CALLERS.map((c) => [name, c.who, c] as const))
  it.each(cases)('%s as %s', async (name, who, caller) => {
    const access: Access = contract[name].access
    const res = (await t.call(name, sample(name), caller.openid)) as { ok: boolean; code?: string }
    if (caller.role === null) return expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    const allowed = roleMayCall(caller.role, access) && !(STORE_SCOPED[name] ?? []).includes(who)
    if (allowed) expect(res.code).not.toBe('FORBIDDEN')
    else expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
