/**
 * Reads the env's current state and applies plan steps, through Tencent's management SDK
 * (@cloudbase/manager-node) and nothing else: every call below is one of its public methods.
 */
import path from 'node:path'
import CloudBase from '@cloudbase/manager-node'
import { ROOT, RUNTIME, type Desired, type IndexSpec, type TriggerSpec } from './desired'
import { emptyCurrent, normaliseRule, type Current, type CurrentFunction, type Step } from './plan'
import type { Settings } from './secrets'

export const FUNCTIONS_ROOT = path.join(ROOT, 'cloudfunctions')
const CODE_TAG = 'fanloop code '

type App = InstanceType<typeof CloudBase>

export function connect(s: Settings): App {
  return new CloudBase({ secretId: s.secretId, secretKey: s.secretKey, envId: s.envId, ...(s.region ? { region: s.region } : {}) })
}

/** At most `n` at a time: the SCF API throttles, and each create waits for its function to turn Active. */
export async function limited<T>(items: readonly T[], n: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await run(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker))
}

const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '')

function cronOf(desc: string): string {
  try {
    const parsed = JSON.parse(desc) as { cron?: string }
    return parsed.cron ?? desc
  } catch {
    return desc
  }
}

export async function readCurrent(app: App, desired: Desired, concurrency: number): Promise<Current> {
  const env = app.currentEnvironment()
  await env.lazyInit() // DescribeEnvInfo: fails here, before anything else, when the env id or key is wrong
  const cur = emptyCurrent()
  const db = app.database
  for (let offset = 0; ; offset += 100) {
    const page = (await db.listCollections({ MgoOffset: offset, MgoLimit: 100 })) as { Collections: Array<{ CollectionName: string }> }
    for (const c of page.Collections) cur.collections.add(c.CollectionName)
    if (page.Collections.length < 100) break
  }
  const ours = desired.collections.map((c) => c.name).filter((n) => cur.collections.has(n))
  await limited(ours, concurrency, async (name) => {
    const res = (await db.describeCollection(name)) as { Indexes?: Array<{ Name: string; Keys: Array<{ Name: string; Direction: string }>; Unique?: boolean }> }
    const byName = new Map<string, { keys: IndexSpec['keys']; unique: boolean }>()
    for (const i of res.Indexes ?? []) {
      byName.set(i.Name, {
        keys: i.Keys.map((k) => ({ field: k.Name, direction: k.Direction === '2dsphere' ? '2dsphere' : (Number(k.Direction) as 1 | -1) })),
        unique: i.Unique === true
      })
    }
    cur.indexes.set(name, byName)
  })
  if (ours.length) {
    // The SDK marks this call deprecated (rules moving to its OPA engine); if an env no longer answers it,
    // the rules count as unknown and are set again, which is harmless.
    try {
      const perm = await app.permission.describeResourcePermission({ resourceType: 'collection', resources: ours })
      for (const p of perm.Data.PermissionList ?? []) {
        if (p.Resource) cur.rules.set(p.Resource, p.Permission === 'CUSTOM' && p.SecurityRule ? normaliseRule(p.SecurityRule) : String(p.Permission))
      }
    } catch (e) {
      console.warn(`could not read the collections' security rules (${e instanceof Error ? e.message : String(e)}); they will be set again`)
    }
  }
  await limited(desired.functions, concurrency, async (f) => {
    try {
      const d = await app.functions.getFunctionDetail(f.name)
      const fn: CurrentFunction = {
        runtime: d.Runtime,
        timeout: Number(d.Timeout),
        memory: Number(d.MemorySize),
        env: Object.fromEntries((d.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
        triggers: (d.Triggers ?? []).filter((t) => t.Type === 'timer').map((t) => ({ name: t.TriggerName, type: 'timer', config: cronOf(t.TriggerDesc) })),
        codeHash: d.Description?.startsWith(CODE_TAG) ? d.Description.slice(CODE_TAG.length) : null
      }
      cur.functions.set(f.name, fn)
    } catch (e) {
      if (!codeOf(e).startsWith('ResourceNotFound')) throw e
    }
  })
  if (desired.functions.some((f) => f.httpPath)) {
    const routes = await app.access.getAccessList()
    for (const r of routes.APISet ?? []) cur.routes.set(r.Path, r.Name)
  }
  cur.storageAcl = await app.storage.getStorageAcl()
  return cur
}

/** The POS route's public address: the env's default HTTP access domain. */
export async function routeUrl(app: App, envId: string, p: string): Promise<string> {
  const res = await app.access.getDomainList()
  const domain = res.DefaultDomain || `${envId}.service.tcloudbase.com`
  return `https://${domain}${p}`
}

const funcConfig = (step: Extract<Step, { target: unknown }>) => ({
  name: step.target.spec.name,
  timeout: step.target.spec.timeout,
  memorySize: step.target.spec.memory,
  envVariables: step.target.env,
  ...(step.target.codeHash ? { description: CODE_TAG + step.target.codeHash } : {})
})

/** Applies the steps in order: collections and rules, indexes, functions (a few at a time), triggers, routes, storage. */
export async function apply(app: App, steps: Step[], o: { concurrency: number; functionsRoot: string; log: (line: string) => void }): Promise<void> {
  const { concurrency, log } = o
  const db = app.database
  const fns = app.functions
  const byKind = <K extends Step['kind']>(k: K) => steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === k)
  for (const s of byKind('createCollection')) await db.createCollection(s.name)
  for (const s of byKind('setRule')) {
    try {
      await app.permission.modifyResourcePermission({ resourceType: 'collection', resource: s.name, permission: 'CUSTOM', securityRule: s.rule })
    } catch (e) {
      // Not fatal: the functions work either way (they use admin rights); only the client's direct access differs.
      log(
        `  ! could not set the rule of ${s.name} (${e instanceof Error ? e.message : String(e)}): paste ${s.rule} in 数据库 → ${s.name} → 权限设置 → 自定义安全规则`
      )
    }
  }
  const indexKeys = (i: IndexSpec) => ({
    IndexName: i.name,
    MgoKeySchema: { MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })), MgoIsUnique: i.unique }
  })
  for (const s of byKind('replaceIndex')) await db.updateCollection(s.index.collection, { DropIndexes: [{ IndexName: s.index.name }] })
  for (const s of [...byKind('createIndex'), ...byKind('replaceIndex')]) await db.updateCollection(s.index.collection, { CreateIndexes: [indexKeys(s.index)] })
  await limited(byKind('createFunction'), concurrency, async (s) => {
    await fns.createFunction({
      func: { ...funcConfig(s), runtime: RUNTIME, handler: 'index.main', installDependency: true, triggers: s.target.spec.triggers as TriggerSpec[] },
      functionRootPath: o.functionsRoot,
      deployMode: 'zip'
    } as Parameters<typeof fns.createFunction>[0])
    log(`  created function ${s.target.spec.name}`)
  })
  const codeOrConfig = [...new Set([...byKind('updateCode'), ...byKind('updateConfig')].map((s) => s.target.spec.name))]
  await limited(codeOrConfig, concurrency, async (name) => {
    const code = byKind('updateCode').find((s) => s.target.spec.name === name)
    const config = byKind('updateConfig').find((s) => s.target.spec.name === name)
    if (code) {
      await fns.updateFunctionCode({
        func: { name, runtime: RUNTIME, handler: 'index.main', installDependency: true },
        functionRootPath: o.functionsRoot,
        deployMode: 'zip'
      } as Parameters<typeof fns.updateFunctionCode>[0])
      await fns.waitFunctionActive(name)
    }
    // The code hash rides in the description, so a code update also writes the config (with the hash).
    await fns.updateFunctionConfig(funcConfig((config ?? code)!) as Parameters<typeof fns.updateFunctionConfig>[0])
    log(`  updated function ${name}`)
  })
  for (const s of byKind('deleteTrigger')) await fns.deleteFunctionTrigger(s.name, s.trigger)
  for (const s of byKind('createTriggers')) await fns.createFunctionTriggers(s.name, s.triggers)
  for (const s of byKind('createRoute')) await app.access.createAccess({ name: s.name, path: s.path })
  for (const s of byKind('setStorageAcl')) await app.storage.setStorageAcl(s.acl as 'PRIVATE')
}
