/**
 * The operator's settings: env id, Tencent Cloud API key and the functions' secrets, from the process
 * environment or an uncommitted `.deploy.env` (KEY=value lines; the environment wins). Nothing here is
 * ever written to the repo or printed back, except a setup code the deploy generated for the operator.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './desired'

export const LOCAL_FILE = '.deploy.env'

export interface Settings {
  envId: string
  secretId: string
  secretKey: string
  region?: string
  /** variable name → value, for the functions' environment */
  functionEnv: Record<string, string>
  setupCode?: string
  uploadKeyPath?: string
  appId?: string
}

/** Needed to reach the env at all. */
const ACCESS = ['FANLOOP_CLOUD_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const
/** Needed by the functions: without them codes cannot be signed, the POS cannot be verified, messages cannot be sent. */
const REQUIRED_FN = ['FANLOOP_SIGNING_KEY', 'FANLOOP_POS_SECRET', 'FANLOOP_WINBACK_TEMPLATE_ID', 'FANLOOP_GROUP_EXPIRY_TEMPLATE'] as const
const OPTIONAL_FN = ['FANLOOP_PHONE_KEY'] as const

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (!m || line.trim().startsWith('#')) continue
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return out
}

/** FANLOOP_DEPLOY_ENV_FILE names another file, or `none` for no file (the tests: a developer's own file must not leak in). */
export function gatherEnv(env: Record<string, string | undefined>, root = ROOT): Record<string, string | undefined> {
  const named = env.FANLOOP_DEPLOY_ENV_FILE
  const file = named === 'none' ? null : path.resolve(root, named ?? LOCAL_FILE)
  const fromFile = file && fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8')) : {}
  return { ...fromFile, ...env }
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; missing: string[]; problems: string[] }

export function readSettings(all: Record<string, string | undefined>): SettingsResult {
  const val = (k: string) => {
    const v = all[k]?.trim()
    return v ? v : undefined
  }
  const missing = [...ACCESS, ...REQUIRED_FN].filter((k) => !val(k))
  const problems: string[] = []
  const signing = val('FANLOOP_SIGNING_KEY')
  if (signing && signing.length < 16) problems.push('FANLOOP_SIGNING_KEY must be at least 16 characters')
  const setup = val('FANLOOP_SETUP_CODE')
  if (setup && !/^[A-Za-z0-9_-]{8,64}$/.test(setup)) problems.push('FANLOOP_SETUP_CODE must be 8-64 of A-Z a-z 0-9 _ -')
  if (missing.length || problems.length) return { ok: false, missing, problems }
  const functionEnv: Record<string, string> = {}
  for (const k of [...REQUIRED_FN, ...OPTIONAL_FN]) {
    const v = val(k)
    if (v) functionEnv[k] = v
  }
  return {
    ok: true,
    settings: {
      envId: val('FANLOOP_CLOUD_ENV')!,
      secretId: val('TENCENTCLOUD_SECRETID')!,
      secretKey: val('TENCENTCLOUD_SECRETKEY')!,
      region: val('TENCENTCLOUD_REGION'),
      functionEnv,
      setupCode: setup,
      uploadKeyPath: val('FANLOOP_UPLOAD_KEY'),
      appId: val('FANLOOP_APPID')
    }
  }
}

export function describeMissing(r: { missing: string[]; problems: string[] }): string {
  const lines = ['deploy stopped before touching the cloud env:']
  for (const k of r.missing) lines.push(`  missing ${k}`)
  for (const p of r.problems) lines.push(`  ${p}`)
  lines.push(`Set them in the environment or in ${LOCAL_FILE} at the repo root (KEY=value lines; the file is git-ignored).`)
  lines.push('FANLOOP_CLOUD_ENV is the env id (云开发控制台 → 环境 → 环境ID); the API key comes from 访问管理 → API密钥管理.')
  return lines.join('\n')
}
