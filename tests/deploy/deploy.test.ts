/**
 * npm run deploy against a fake cloud beneath the real @cloudbase/manager-node (see fake-tencent-cloud.ts
 * for the seam): what a first run creates, that a second changes nothing, that drift is put back, that a
 * missing secret stops it before any request, and that the dry run prints the whole plan without credentials.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FUNCTION_NAMES } from '../../src/contract'
import { readDesired } from '../../scripts/deploy/desired'
import { runDeploy } from '../../scripts/deploy/index'
import { FakeTencentCloud } from './fake-tencent-cloud'

jest.setTimeout(60_000)

const ENV_ID = 'fanloop-test-1a2b3c'
const SECRETS = {
  FANLOOP_CLOUD_ENV: ENV_ID,
  TENCENTCLOUD_SECRETID: 'AKIDtest',
  TENCENTCLOUD_SECRETKEY: 'test-secret-key',
  FANLOOP_SIGNING_KEY: 'signing-key-0123456789',
  FANLOOP_POS_SECRET: 'pos-secret',
  FANLOOP_WINBACK_TEMPLATE_ID: 'tpl-winback',
  FANLOOP_GROUP_EXPIRY_TEMPLATE: 'tpl-expiry',
  FANLOOP_SETUP_CODE: 'setup-code-42'
}
const desired = readDesired()
const config = JSON.parse(fs.readFileSync(path.join(__dirname, '../../config/cloud/functions.json'), 'utf8')) as {
  defaults: { timeout: number; memory: number }
  functions: Record<string, { timeout?: number; memory?: number; triggers?: Array<{ name: string; config: string }> }>
}

let root: string
let cloud: FakeTencentCloud
let out: string[]

/** Small stand-ins for the built folders: the deploy zips whatever is there. */
function writeBundles(dir: string) {
  for (const name of FUNCTION_NAMES) {
    fs.mkdirSync(path.join(dir, name), { recursive: true })
    fs.writeFileSync(path.join(dir, name, 'index.js'), `exports.main = async () => ({ ok: true, name: ${JSON.stringify(name)} })\n`)
    fs.writeFileSync(path.join(dir, name, 'package.json'), JSON.stringify({ name, main: 'index.js', dependencies: { 'wx-server-sdk': '~3.0.4' } }))
  }
}

const deploy = (env: Record<string, string> = SECRETS, argv: string[] = []) =>
  runDeploy({ argv, env: { ...env, FANLOOP_DEPLOY_ENV_FILE: 'none' }, functionsRoot: root, build: false, concurrency: 64, log: (l) => out.push(l) })

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-deploy-'))
  writeBundles(root)
  cloud = new FakeTencentCloud(ENV_ID).install()
  out = []
  // the SDK logs one line per upload ("部署方式: ZIP base64 上传")
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
})
afterEach(() => {
  jest.restoreAllMocks()
  cloud.uninstall()
  fs.rmSync(root, { recursive: true, force: true })
})

const count = (action: string) => cloud.writes().filter((c) => c.action === action).length

test('a first deploy creates exactly what the config files declare', async () => {
  expect(await deploy()).toBe(0)
  expect([...cloud.tables.keys()].sort()).toEqual(desired.collections.map((c) => c.name).sort())
  for (const c of desired.collections) expect(cloud.permissions.get(c.name)).toEqual({ Permission: 'CUSTOM', SecurityRule: c.rule })
  for (const [name, indexes] of cloud.tables) {
    const want = desired.indexes.filter((i) => i.collection === name)
    expect([...indexes.keys()].filter((n) => n !== '_id_').sort()).toEqual(want.map((i) => i.name).sort())
    for (const i of want) {
      expect(indexes.get(i.name)).toEqual({ Keys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })), Unique: i.unique })
    }
  }
  expect(cloud.tables.get('stores')!.get('location_geo')!.Keys).toEqual([{ Name: 'location', Direction: '2dsphere' }])
  expect([...cloud.functions.keys()].sort()).toEqual([...FUNCTION_NAMES].sort())
  for (const [name, f] of cloud.functions) {
    const c = config.functions[name] ?? {}
    expect(f.Runtime).toBe('Nodejs16.13')
    expect(f.Timeout).toBe(c.timeout ?? config.defaults.timeout)
    expect(f.MemorySize).toBe(c.memory ?? config.defaults.memory)
    const vars = Object.fromEntries(f.Variables.map((v) => [v.Key, v.Value]))
    expect(vars).toMatchObject({
      FANLOOP_SIGNING_KEY: SECRETS.FANLOOP_SIGNING_KEY,
      FANLOOP_POS_SECRET: 'pos-secret',
      FANLOOP_WINBACK_TEMPLATE_ID: 'tpl-winback'
    })
    expect(f.Triggers.map((t) => [t.TriggerName, JSON.parse(t.TriggerDesc).cron])).toEqual((c.triggers ?? []).map((t) => [t.name, t.config]))
  }
  for (const slow of ['kpiDashboard', 'exportKpiCsv', 'rebuildCounters', 'runWinBack', 'deleteMyData'])
    expect(cloud.functions.get(slow)!.Timeout).toBeGreaterThan(3)
  expect(cloud.functions.get('runWinBack')!.Triggers).toHaveLength(1)
  expect(cloud.apis).toEqual([{ Path: '/posSale', Name: 'posSale', Type: 1 }])
  expect(cloud.storageAcl).toBe('PRIVATE')
  // exactly one create per declared thing, nothing else written
  expect(count('CreateTable')).toBe(desired.collections.length)
  expect(count('UpdateTable')).toBe(desired.indexes.length)
  expect(count('CreateFunction')).toBe(FUNCTION_NAMES.length)
  expect(count('UpdateFunctionCode') + count('UpdateFunctionConfiguration') + count('DeleteTrigger')).toBe(0)
  expect(out.join('\n')).toContain(`POS endpoint (posSale): https://${ENV_ID}.service.tcloudbase.com/posSale`)
  expect(out.join('\n')).toContain('订阅消息')
  // secrets reach the functions' environment but never the output
  expect(out.join('\n')).not.toContain(SECRETS.FANLOOP_SIGNING_KEY)
  expect(out.join('\n')).not.toContain(SECRETS.TENCENTCLOUD_SECRETKEY)
})

test('a second deploy changes nothing and says so', async () => {
  expect(await deploy()).toBe(0)
  const before = cloud.calls.length
  out = []
  expect(await deploy()).toBe(0)
  expect(cloud.calls.slice(before).filter((c) => !/^(Describe|Get|List)/.test(c.action))).toEqual([])
  expect(out.join('\n')).toMatch(/nothing to change/)
})

test('a changed timeout, index, trigger or bundle is put back, and only that', async () => {
  expect(await deploy()).toBe(0)
  cloud.functions.get('kpiDashboard')!.Timeout = 3
  cloud.tables.get('staff')!.set('storeId', { Keys: [{ Name: 'storeId', Direction: '-1' }], Unique: false })
  cloud.functions.get('runWinBack')!.Triggers[0].TriggerDesc = JSON.stringify({ cron: '0 0 3 * * * *' })
  fs.appendFileSync(path.join(root, 'wallet', 'index.js'), '// changed\n')
  const before = cloud.calls.length
  expect(await deploy()).toBe(0)
  const writes = cloud.calls.slice(before).filter((c) => !/^(Describe|Get|List)/.test(c.action))
  expect(writes.map((w) => `${w.action} ${String(w.params.FunctionName ?? w.params.TableName)}`).sort()).toEqual(
    [
      'BatchCreateTrigger runWinBack',
      'DeleteTrigger runWinBack',
      'UpdateFunctionCode wallet',
      'UpdateFunctionConfiguration kpiDashboard',
      'UpdateFunctionConfiguration wallet',
      'UpdateTable staff',
      'UpdateTable staff'
    ].sort()
  )
  expect(cloud.functions.get('kpiDashboard')!.Timeout).toBe(config.functions.kpiDashboard.timeout)
  expect(cloud.tables.get('staff')!.get('storeId')!.Keys).toEqual([{ Name: 'storeId', Direction: '1' }])
  expect(JSON.parse(cloud.functions.get('runWinBack')!.Triggers[0].TriggerDesc).cron).toBe('0 0 10 * * * *')
})

test('the setup code goes only to claimBrand; one the deploy generated is printed once and kept on the next run', async () => {
  const { FANLOOP_SETUP_CODE: _given, ...rest } = SECRETS
  expect(await deploy(rest)).toBe(0)
  const vars = (name: string) => Object.fromEntries(cloud.functions.get(name)!.Variables.map((v) => [v.Key, v.Value]))
  const code = vars('claimBrand').FANLOOP_SETUP_CODE
  expect(code).toMatch(/^[A-Za-z0-9_-]{16,}$/)
  expect(out.join('\n')).toContain(`Setup code (generated`)
  expect(out.join('\n')).toContain(code)
  for (const name of FUNCTION_NAMES.filter((n) => n !== 'claimBrand')) expect(vars(name).FANLOOP_SETUP_CODE).toBeUndefined()
  const before = cloud.writes().length
  out = []
  expect(await deploy(rest)).toBe(0)
  expect(cloud.writes()).toHaveLength(before)
  expect(vars('claimBrand').FANLOOP_SETUP_CODE).toBe(code)
  expect(out.join('\n')).not.toContain(code)
})

test('an env that no longer answers the (deprecated) permission API still deploys, and says which rules to paste', async () => {
  cloud.failing.add('DescribeResourcePermission').add('ModifyResourcePermission')
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  expect(await deploy()).toBe(0)
  expect([...cloud.functions.keys()]).toHaveLength(FUNCTION_NAMES.length)
  expect(out.join('\n')).toContain('could not set the rule of stores')
  expect(out.join('\n')).toContain('自定义安全规则')
})

test('secrets may come from an uncommitted .deploy.env file; the environment wins over it', async () => {
  const file = path.join(root, 'local.deploy.env')
  fs.writeFileSync(file, `# operator's file\nFANLOOP_POS_SECRET="pos-from-file"\nexport FANLOOP_SIGNING_KEY=file-signing-key-0123456\n`)
  const { FANLOOP_POS_SECRET: _omitted, ...rest } = SECRETS
  const code = await runDeploy({
    argv: [],
    env: { ...rest, FANLOOP_DEPLOY_ENV_FILE: file },
    functionsRoot: root,
    build: false,
    concurrency: 64,
    log: (l) => out.push(l)
  })
  expect(code).toBe(0)
  const vars = Object.fromEntries(cloud.functions.get('posSale')!.Variables.map((v) => [v.Key, v.Value]))
  expect(vars.FANLOOP_POS_SECRET).toBe('pos-from-file')
  expect(vars.FANLOOP_SIGNING_KEY).toBe(SECRETS.FANLOOP_SIGNING_KEY)
})

test('--dry-run with credentials reads the env, shows only what differs, and writes nothing', async () => {
  const { FANLOOP_SETUP_CODE: _given, ...rest } = SECRETS
  expect(await deploy(rest)).toBe(0)
  cloud.functions.get('exportKpiCsv')!.Timeout = 3
  const before = cloud.writes().length
  out = []
  expect(await deploy(rest, ['--dry-run'])).toBe(0)
  expect(cloud.writes()).toHaveLength(before)
  const steps = out.filter((l) => /^ {2}[+~-] /.test(l))
  expect(steps).toEqual([`  ~ function exportKpiCsv timeout 3s → ${config.functions.exportKpiCsv.timeout}s`])
})

test('a missing secret stops the deploy before any request, naming what is missing', async () => {
  const { FANLOOP_POS_SECRET: _omitted, ...rest } = SECRETS
  expect(await deploy(rest)).toBe(2)
  expect(cloud.calls).toEqual([])
  expect(out.join('\n')).toMatch(/missing FANLOOP_POS_SECRET/)
  out = []
  expect(await deploy({ ...SECRETS, TENCENTCLOUD_SECRETKEY: '' })).toBe(2)
  expect(cloud.calls).toEqual([])
  expect(out.join('\n')).toMatch(/missing TENCENTCLOUD_SECRETKEY/)
})

test('--dry-run without credentials prints every collection, index, function with its timeout, the trigger and the route, and exits 0', () => {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FANLOOP_DEPLOY_ENV_FILE: 'none' } as unknown as NodeJS.ProcessEnv
  const res = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/deploy/index.ts', '--dry-run'], {
    cwd: path.join(__dirname, '../..'),
    env,
    encoding: 'utf8'
  })
  expect(res.status).toBe(0)
  const text = res.stdout
  for (const c of desired.collections) expect(text).toContain(`+ collection ${c.name}\n`)
  for (const i of desired.indexes) expect(text).toContain(`+ index ${i.collection}.${i.name} (`)
  for (const f of desired.functions) expect(text).toMatch(new RegExp(`\\+ function ${f.name} Nodejs16\\.13 timeout ${f.timeout}s `))
  expect(text).toContain('trigger winBackDaily "0 0 10 * * * *"')
  expect(text).toContain('+ HTTP route /posSale → posSale')
  expect(text).toContain('~ storage rule (unknown) → PRIVATE')
  expect(text).toContain('No credentials')
})
