/**
 * The diff between what the repo declares and what the env holds: a list of steps, each printable.
 * Pure, so the dry run, the real run and the tests all see the same plan. Nothing in the env that the
 * repo does not name is removed (an extra index or function may be someone's on purpose); it is listed.
 */
import { describeKeys, RUNTIME, type Desired, type FunctionSpec, type IndexSpec, type TriggerSpec } from './desired'

export interface CurrentFunction {
  runtime: string
  timeout: number
  memory: number
  env: Record<string, string>
  triggers: TriggerSpec[]
  /** the bundle hash the last deploy wrote into the function's description */
  codeHash: string | null
}
export interface Current {
  collections: Set<string>
  /** collection → normalised custom rule, or the permission name when it is not custom */
  rules: Map<string, string>
  indexes: Map<string, Map<string, { keys: IndexSpec['keys']; unique: boolean }>>
  functions: Map<string, CurrentFunction>
  routes: Map<string, string>
  storageAcl: string | null
}

export interface FunctionTarget {
  spec: FunctionSpec
  env: Record<string, string>
  /** undefined in a dry run without a build: code is then not compared */
  codeHash?: string
}

export type Step =
  | { kind: 'createCollection'; name: string }
  | { kind: 'setRule'; name: string; rule: string }
  | { kind: 'createIndex'; index: IndexSpec }
  | { kind: 'replaceIndex'; index: IndexSpec }
  | { kind: 'createFunction'; target: FunctionTarget }
  | { kind: 'updateCode'; target: FunctionTarget }
  | { kind: 'updateConfig'; target: FunctionTarget; changes: string[] }
  | { kind: 'createTriggers'; name: string; triggers: TriggerSpec[] }
  | { kind: 'deleteTrigger'; name: string; trigger: string }
  | { kind: 'createRoute'; path: string; name: string }
  | { kind: 'setStorageAcl'; acl: string; from: string | null }

export interface Plan {
  steps: Step[]
  /** things the plan leaves as they are, for the report */
  kept: string[]
  /** the env holds these though the repo does not declare them */
  extra: string[]
}

export const emptyCurrent = (): Current => ({
  collections: new Set(),
  rules: new Map(),
  indexes: new Map(),
  functions: new Map(),
  routes: new Map(),
  storageAcl: null
})

export const normaliseRule = (rule: string): string => {
  try {
    return JSON.stringify(JSON.parse(rule))
  } catch {
    return rule
  }
}

const sameKeys = (a: IndexSpec['keys'], b: IndexSpec['keys']) =>
  a.length === b.length && a.every((k, i) => k.field === b[i].field && String(k.direction) === String(b[i].direction))

const sameEnv = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a).sort()
  const kb = Object.keys(b).sort()
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k])
}

export function makePlan(desired: Desired, current: Current, targets: FunctionTarget[]): Plan {
  const steps: Step[] = []
  const kept: string[] = []
  const extra: string[] = []
  for (const c of desired.collections) {
    if (!current.collections.has(c.name)) steps.push({ kind: 'createCollection', name: c.name })
    if (current.rules.get(c.name) !== normaliseRule(c.rule)) steps.push({ kind: 'setRule', name: c.name, rule: c.rule })
    else kept.push(`collection ${c.name}`)
  }
  for (const index of desired.indexes) {
    const have = current.indexes.get(index.collection)?.get(index.name)
    if (!have) steps.push({ kind: 'createIndex', index })
    else if (!sameKeys(have.keys, index.keys) || have.unique !== index.unique) steps.push({ kind: 'replaceIndex', index })
    else kept.push(`index ${index.collection}.${index.name}`)
  }
  for (const [collection, byName] of current.indexes) {
    for (const name of byName.keys()) {
      if (name !== '_id_' && !desired.indexes.some((i) => i.collection === collection && i.name === name)) extra.push(`index ${collection}.${name}`)
    }
  }
  for (const target of targets) {
    const { spec } = target
    const have = current.functions.get(spec.name)
    if (!have) {
      steps.push({ kind: 'createFunction', target })
      continue
    }
    if (target.codeHash !== undefined && have.codeHash !== target.codeHash) steps.push({ kind: 'updateCode', target })
    const changes: string[] = []
    if (have.timeout !== spec.timeout) changes.push(`timeout ${have.timeout}s → ${spec.timeout}s`)
    if (have.memory !== spec.memory) changes.push(`memory ${have.memory}MB → ${spec.memory}MB`)
    if (!sameEnv(have.env, target.env)) changes.push(`environment variables (${Object.keys(target.env).sort().join(', ')})`)
    if (changes.length) steps.push({ kind: 'updateConfig', target, changes })
    if (have.runtime !== RUNTIME)
      extra.push(`function ${spec.name} runs ${have.runtime}; the runtime is set only when a function is created (delete it to recreate on ${RUNTIME})`)
    const wanted = new Map(spec.triggers.map((t) => [t.name, t]))
    for (const t of have.triggers) {
      const w = wanted.get(t.name)
      if (!w || w.config !== t.config) steps.push({ kind: 'deleteTrigger', name: spec.name, trigger: t.name })
    }
    const add = spec.triggers.filter((t) => !have.triggers.some((h) => h.name === t.name && h.config === t.config))
    if (add.length) steps.push({ kind: 'createTriggers', name: spec.name, triggers: add })
    if (!changes.length && !add.length && (target.codeHash === undefined || have.codeHash === target.codeHash)) kept.push(`function ${spec.name}`)
  }
  for (const name of current.functions.keys()) if (!targets.some((t) => t.spec.name === name)) extra.push(`function ${name}`)
  for (const f of desired.functions) {
    if (!f.httpPath) continue
    if (current.routes.get(f.httpPath) === f.name) kept.push(`route ${f.httpPath}`)
    else steps.push({ kind: 'createRoute', path: f.httpPath, name: f.name })
  }
  if (current.storageAcl !== desired.storageAcl) steps.push({ kind: 'setStorageAcl', acl: desired.storageAcl, from: current.storageAcl })
  else kept.push(`storage ${desired.storageAcl}`)
  return { steps, kept, extra }
}

const envNames = (env: Record<string, string>) => Object.keys(env).sort().join(' ')

export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'createCollection':
      return `+ collection ${s.name}`
    case 'setRule':
      return `~ rule ${s.name} ${s.rule}`
    case 'createIndex':
      return `+ index ${s.index.collection}.${s.index.name} (${describeKeys(s.index)})`
    case 'replaceIndex':
      return `~ index ${s.index.collection}.${s.index.name} → (${describeKeys(s.index)}) (drop and create)`
    case 'createFunction': {
      const { spec, env } = s.target
      const triggers = spec.triggers.map((t) => ` trigger ${t.name} "${t.config}"`).join('')
      return `+ function ${spec.name} ${RUNTIME} timeout ${spec.timeout}s memory ${spec.memory}MB env [${envNames(env)}]${triggers}`
    }
    case 'updateCode':
      return `~ function ${s.target.spec.name} code ${s.target.codeHash}`
    case 'updateConfig':
      return `~ function ${s.target.spec.name} ${s.changes.join('; ')}`
    case 'createTriggers':
      return s.triggers.map((t) => `+ trigger ${s.name}.${t.name} ${t.type} "${t.config}"`).join('\n')
    case 'deleteTrigger':
      return `- trigger ${s.name}.${s.trigger}`
    case 'createRoute':
      return `+ HTTP route ${s.path} → ${s.name}`
    case 'setStorageAcl':
      return `~ storage rule ${s.from ?? '(unknown)'} → ${s.acl}`
  }
}
