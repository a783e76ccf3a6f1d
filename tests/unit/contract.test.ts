import fs from 'node:fs'
import path from 'node:path'
import { contract, FUNCTION_NAMES } from '../../src/contract'
import { checkinFunctions } from '../../src/contract/checkin'
import { coreFunctions } from '../../src/contract/core'
import { managerFunctions } from '../../src/contract/manager'
import { nearbyFunctions } from '../../src/contract/nearby'
import { couponFunctions } from '../../src/contract/coupons'
import { kpiFunctions } from '../../src/contract/kpi'
import { teamFunctions } from '../../src/contract/team'
import { groupFunctions } from '../../src/contract/groups'
import { salesFunctions } from '../../src/contract/sales'
import { storeFunctions } from '../../src/contract/stores'
import { privacyFunctions } from '../../src/contract/privacy'
import { onboardingFunctions } from '../../src/contract/onboarding'
import { bookFunctions } from '../../src/contract/book'

const FUNCTIONS_DIR = path.resolve(__dirname, '..', '..', 'src', 'functions')

describe('the contract', () => {
  it('names each function in exactly one journey file (a spread would silently drop a duplicate)', () => {
    const parts = [
      coreFunctions,
      checkinFunctions,
      managerFunctions,
      nearbyFunctions,
      couponFunctions,
      kpiFunctions,
      teamFunctions,
      groupFunctions,
      salesFunctions,
      storeFunctions,
      privacyFunctions,
      onboardingFunctions,
      bookFunctions
    ].flatMap((p) => Object.keys(p))
    expect(parts.length).toBe(new Set(parts).size)
    expect(parts.sort()).toEqual([...FUNCTION_NAMES].sort())
  })

  it('has one function source per name, and no source without a contract entry', () => {
    const sources = fs
      .readdirSync(FUNCTIONS_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
    expect(sources.sort()).toEqual([...FUNCTION_NAMES].sort())
  })

  it('refuses unknown fields and operator-shaped values in every input', () => {
    for (const name of FUNCTION_NAMES) {
      expect(contract[name].input.safeParse({ unexpected: 1 }).success).toBe(false)
      expect(contract[name].input.safeParse({ $where: 'true' }).success).toBe(false)
    }
  })
})
