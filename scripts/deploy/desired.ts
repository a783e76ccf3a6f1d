/**
 * What a WeChat Cloud env should hold, read from the repo's files: collections with their security rules
 * (config/cloud/security-rules.json), indexes (config/cloud/indexes.json), functions with runtime, timeout,
 * memory, variables and timer triggers (config/cloud/functions.json), the POS route and the storage rule.
 * Pure: no network, no credentials, so the dry run can print it on a fresh clone.
 */
import fs from 'node:fs'
import path from 'node:path'
import { FUNCTION_NAMES } from '../../src/contract'

export const ROOT = path.resolve(__dirname, '..', '..')
const readJson = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'))

/** Node 16 is what build-functions targets (esbuild `node16`); WeChat Cloud offers it and newer. */
export const RUNTIME = 'Nodejs16.13'
/** Private: only the functions (admin) read and write; pages get temporary URLs from a function. */
export const STORAGE_ACL = 'PRIVATE'

export type IndexDirection = 1 | -1 | '2dsphere'
export interface IndexSpec {
  collection: string
  name: string
  keys: Array<{ field: string; direction: IndexDirection }>
  unique: boolean
}
export interface TriggerSpec {
  name: string
  type: 'timer'
  config: string
}
export interface FunctionSpec {
  name: string
  timeout: number
  memory: number
  triggers: TriggerSpec[]
  /** names of the environment variables this function gets (values come from the operator's secrets) */
  envNames: string[]
  /** an HTTP access path, for functions a server outside WeChat calls */
  httpPath?: string
}
export interface Desired {
  collections: Array<{ name: string; rule: string }>
  indexes: IndexSpec[]
  functions: FunctionSpec[]
  storageAcl: string
}

/** Variables every function gets when the operator has set them; FANLOOP_SETUP_CODE goes only where `env` asks. */
export const SHARED_ENV = [
  'FANLOOP_SIGNING_KEY',
  'FANLOOP_POS_SECRET',
  'FANLOOP_PHONE_KEY',
  'FANLOOP_WINBACK_TEMPLATE_ID',
  'FANLOOP_GROUP_EXPIRY_TEMPLATE'
] as const

interface FunctionsFile {
  defaults: { timeout: number; memory?: number }
  functions: Record<string, { timeout?: number; memory?: number; triggers?: TriggerSpec[]; env?: string[]; httpPath?: string }>
}

export function readDesired(): Desired {
  const rules = readJson('config/cloud/security-rules.json') as { collections: Record<string, object> }
  const idx = readJson('config/cloud/indexes.json') as {
    collections: Record<string, { indexes: Array<{ name: string; keys: IndexSpec['keys']; unique?: boolean }> }>
  }
  const fns = readJson('config/cloud/functions.json') as FunctionsFile
  const unknown = Object.keys(fns.functions).filter((n) => !(FUNCTION_NAMES as string[]).includes(n))
  if (unknown.length) throw new Error(`config/cloud/functions.json names functions that do not exist: ${unknown.join(', ')}`)
  return {
    collections: Object.entries(rules.collections).map(([name, rule]) => ({ name, rule: JSON.stringify(rule) })),
    indexes: Object.entries(idx.collections).flatMap(([collection, c]) =>
      c.indexes.map((i) => ({ collection, name: i.name, keys: i.keys, unique: i.unique === true }))
    ),
    functions: FUNCTION_NAMES.map((name) => {
      const f = fns.functions[name] ?? {}
      return {
        name,
        timeout: f.timeout ?? fns.defaults.timeout,
        memory: f.memory ?? fns.defaults.memory ?? 256,
        triggers: f.triggers ?? [],
        envNames: [...SHARED_ENV, ...(f.env ?? [])],
        ...(f.httpPath ? { httpPath: f.httpPath } : {})
      }
    }),
    storageAcl: STORAGE_ACL
  }
}

export const describeKeys = (i: IndexSpec) => i.keys.map((k) => `${k.field}:${k.direction}`).join(', ') + (i.unique ? ' unique' : '')
