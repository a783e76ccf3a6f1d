import fs from 'node:fs'
import path from 'node:path'
import { FUNCTION_NAMES } from '../../src/contract'
import { buildFunctions } from '../../scripts/build-functions'
import { filesUnder } from '../support/files'

const ROOT = path.resolve(__dirname, '..', '..')

describe('deployable cloud function folders', () => {
  beforeAll(async () => {
    await buildFunctions()
  }, 60_000)

  it.each(FUNCTION_NAMES)('%s has index.js, package.json with wx-server-sdk, and config.json', (name) => {
    const dir = path.join(ROOT, 'cloudfunctions', name)
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk'])
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))
    expect(config.timeout).toBeGreaterThanOrEqual(3)
    expect(Array.isArray(config.permissions.openapi)).toBe(true)
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8')
    // It asks for the real SDK, bundles everything else, and carries no local-cloud code.
    expect(code).toMatch(/require\("wx-server-sdk"\)/)
    expect(code).not.toMatch(/localcloud|better-sqlite3|LocalDatabase/)
    expect(code).not.toMatch(/require\("(zod|dayjs|\.\.?\/)/)
  })

  it.each(FUNCTION_NAMES)('%s declares every openapi permission its bundle calls', (name) => {
    const dir = path.join(ROOT, 'cloudfunctions', name)
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8')
    const called = [...new Set([...code.matchAll(/\.openapi\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))]
    const declared = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).permissions.openapi
    expect(declared).toEqual(expect.arrayContaining(called))
  })

  it('the QR functions are among those that call wxacode.getUnlimited', () => {
    for (const name of ['staffCode', 'storeCode']) {
      expect(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'index.js'), 'utf8')).toMatch(/\.openapi\.wxacode\.getUnlimited\(/)
    }
  })

  it('the root project.config.json points DevTools at the weapp build and the function folders', () => {
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'))
    expect(project.miniprogramRoot).toBe('dist/weapp/')
    expect(project.cloudfunctionRoot).toBe('cloudfunctions/')
  })

  it('has a closed security rule for every collection the functions use', () => {
    const sources = filesUnder(path.join(ROOT, 'src', 'functions'), /\.ts$/).map((f) => fs.readFileSync(f, 'utf8'))
    const constants = new Map(sources.flatMap((s) => [...s.matchAll(/export const ([A-Z_]+) = '(\w+)'/g)].map((m) => [m[1], m[2]] as const)))
    const used = new Set(
      sources.flatMap((s) =>
        [...s.matchAll(/collection\(\s*(?:'(\w+)'|([A-Z_]+)\s*\))/g)].map((m) => m[1] ?? constants.get(m[2]) ?? `unknown constant ${m[2]}`)
      )
    )
    expect(used.size).toBeGreaterThan(15)
    const rules = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'cloud', 'security-rules.json'), 'utf8')).collections as Record<
      string,
      { read: unknown; write: unknown }
    >
    const missing = [...used].filter((c) => !rules[c] || rules[c].read !== false || rules[c].write !== false)
    expect(missing).toEqual([])
  })
})
