/**
 * npm run deploy [-- --dry-run] [-- --weapp]: makes a WeChat Cloud env match the repo (collections and
 * rules, indexes, functions with runtime/timeout/memory/variables/triggers, the POS route, the storage
 * rule), reading the env first and changing only what differs, then prints what only the mini-program
 * console can do. See README "WeChat: deploy".
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { checklist } from './checklist'
import { apply, connect, FUNCTIONS_ROOT, readCurrent, routeUrl } from './cloud'
import { readDesired, type Desired } from './desired'
import { describeStep, emptyCurrent, makePlan, type Current, type FunctionTarget } from './plan'
import { describeMissing, gatherEnv, readSettings, type Settings } from './secrets'
import { uploadWeapp } from './weapp'

export const SETUP_CODE_VAR = 'FANLOOP_SETUP_CODE'

export interface DeployOptions {
  argv: string[]
  env: Record<string, string | undefined>
  log?: (line: string) => void
  /** where the built function folders are (tests point this at small stand-ins) */
  functionsRoot?: string
  /** build src/functions first (the real run does; tests give ready folders) */
  build?: boolean
  concurrency?: number
}

/** Hash of what uploads, kept in the function's description, so an unchanged bundle is not uploaded again. */
export function bundleHash(dir: string): string {
  const h = crypto.createHash('sha256')
  for (const f of ['index.js', 'package.json']) h.update(f).update(fs.readFileSync(path.join(dir, f)))
  return h.digest('hex').slice(0, 16)
}

function targetsFor(desired: Desired, s: Settings | null, setupCode: string | null, root: string | null): FunctionTarget[] {
  return desired.functions.map((spec) => {
    const env: Record<string, string> = {}
    for (const k of spec.envNames) {
      const v = k === SETUP_CODE_VAR ? setupCode : s ? s.functionEnv[k] : `<${k}>`
      if (v) env[k] = v
    }
    return { spec, env, ...(root ? { codeHash: bundleHash(path.join(root, spec.name)) } : {}) }
  })
}

/** The operator's code if given, else the one already deployed (so a rerun changes nothing), else a new one. */
function chooseSetupCode(s: Settings, desired: Desired, current: Current): { code: string; generated: boolean } {
  if (s.setupCode) return { code: s.setupCode, generated: false }
  for (const f of desired.functions) {
    const have = f.envNames.includes(SETUP_CODE_VAR) ? current.functions.get(f.name)?.env[SETUP_CODE_VAR] : undefined
    if (have) return { code: have, generated: false }
  }
  return { code: crypto.randomBytes(12).toString('base64url'), generated: true }
}

function printPlan(log: (l: string) => void, desired: Desired, plan: ReturnType<typeof makePlan>) {
  log(`repo declares ${desired.collections.length} collections, ${desired.indexes.length} indexes, ${desired.functions.length} functions`)
  for (const step of plan.steps) log('  ' + describeStep(step).replace(/\n/g, '\n  '))
  for (const e of plan.extra) log(`  ! left as is (not in the repo): ${e}`)
}

export async function runDeploy(o: DeployOptions): Promise<number> {
  const log = o.log ?? ((l: string) => console.log(l))
  const dryRun = o.argv.includes('--dry-run')
  const concurrency = o.concurrency ?? 4
  const desired = readDesired()
  const settings = readSettings(gatherEnv(o.env))

  if (dryRun) {
    log('DRY RUN: nothing is created or changed.')
    let current = emptyCurrent()
    if (settings.ok) current = await readCurrent(connect(settings.settings), desired, concurrency)
    else log('No credentials: the plan below is against an empty env (every item would be created).')
    const s = settings.ok ? settings.settings : null
    // the code a real run would use (only variable names are printed, never values)
    const setup = s ? chooseSetupCode(s, desired, current) : null
    const plan = makePlan(desired, current, targetsFor(desired, s, setup && !setup.generated ? setup.code : '<generated>', null))
    printPlan(log, desired, plan)
    log(`  function code: built from src/functions at deploy time and uploaded where it changed`)
    if (!settings.ok) log(describeMissing(settings).replace('deploy stopped before touching the cloud env:', 'A real run would need:'))
    log('')
    log('Then, in the mini program console:')
    checklist().forEach((l, i) => log(`${i + 1}. ${l}`))
    return 0
  }

  if (!settings.ok) {
    log(describeMissing(settings))
    return 2
  }
  const s = settings.settings
  const root = o.functionsRoot ?? FUNCTIONS_ROOT
  if (o.build !== false) {
    log('building cloud functions…')
    const { buildFunctions } = await import('../build-functions')
    await buildFunctions()
  }
  const app = connect(s)
  log(`reading env ${s.envId}…`)
  const current = await readCurrent(app, desired, concurrency)
  const setup = chooseSetupCode(s, desired, current)
  const plan = makePlan(desired, current, targetsFor(desired, s, setup.code, root))
  printPlan(log, desired, plan)
  if (plan.steps.length === 0) log(`nothing to change: env ${s.envId} already matches the repo (${plan.kept.length} items checked)`)
  else {
    await apply(app, plan.steps, { concurrency, functionsRoot: root, log })
    log(`applied ${plan.steps.length} change(s) to env ${s.envId}`)
  }
  for (const f of desired.functions.filter((x) => x.httpPath)) log(`POS endpoint (${f.name}): ${await routeUrl(app, s.envId, f.httpPath!)}`)
  if (setup.generated) {
    log(`Setup code (generated, now in the claim function's environment; keep it to yourself): ${setup.code}`)
    log(`  To keep it across machines, put ${SETUP_CODE_VAR}=${setup.code} in .deploy.env.`)
  }
  log('')
  log('Now, in the mini program console:')
  checklist().forEach((l, i) => log(`${i + 1}. ${l}`))
  if (o.argv.includes('--weapp')) {
    log('')
    if (!(await uploadWeapp(s, log))) return 1
  }
  return 0
}

if (require.main === module) {
  runDeploy({ argv: process.argv.slice(2), env: process.env }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const e = err as { message?: string; code?: string; action?: string }
      console.error(`deploy failed${e.action ? ` at ${e.action}` : ''}: ${e.message ?? String(err)}${e.code ? ` (${e.code})` : ''}`)
      process.exit(1)
    }
  )
}
