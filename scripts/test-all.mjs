#!/usr/bin/env node
/**
 * `npm test`: everything, in order, each stage counted, ending with one line `N passed, N failed`.
 *   typecheck · lint (eslint, prettier) · cloud function build + deployable-folder check · jest (unit, conformance, integration)
 *   · reliability · H5 end-to-end in Chromium · weapp build + main-package size · weapp specs headless
 * A stage that cannot run here (no Chromium and no way to install it) fails with a message saying what
 * is missing; the weapp specs' DevTools target skips (counted as skipped) unless WECHAT_DEVTOOLS_CLI is set.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const tmp = path.join(root, '.temp')
fs.mkdirSync(tmp, { recursive: true })
const only = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}

function stage(name, fn) {
  if (only.length && !only.includes(name)) return
  console.log(`\n=== ${name}`)
  fn()
}

/** Runs jest with a JSON report and adds its test counts. A suite that fails to load counts as one failure. */
function jest(name, args) {
  const out = path.join(tmp, `jest-${name}.json`)
  fs.rmSync(out, { force: true })
  const ok = run('npx', ['jest', ...args, '--json', `--outputFile=${out}`])
  if (!fs.existsSync(out)) {
    failed++
    console.log(`${name}: jest produced no report`)
    return
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites
  skipped += r.numPendingTests + r.numTodoTests
  if (!ok && r.numFailedTests + r.numRuntimeErrorTestSuites === 0) failed++
}

function check(name, ok) {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`)
}

stage('typecheck', () => check('tsc --noEmit', run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])))
stage('lint', () => {
  check('eslint', run('npx', ['eslint', '.']))
  check('prettier --check', run('npx', ['prettier', '--check', '.', '--log-level', 'warn']))
})
stage('functions', () => check('build cloud functions', run('npx', ['tsx', 'scripts/build-functions.ts'])))
stage('jest', () => jest('main', []))
const reliabilityResults = []
stage('reliability', () => {
  const dir = path.join(tmp, 'reliability')
  fs.rmSync(dir, { recursive: true, force: true })
  jest('reliability', ['-c', 'tests/reliability/jest.config.js'])
  if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir).sort()) reliabilityResults.push(fs.readFileSync(path.join(dir, f), 'utf8').trim())
})
stage('e2e', () => {
  const ready = run('node', ['scripts/ensure-browser.mjs'])
  if (!ready) return check('Chromium for end-to-end tests (see the message above)', false)
  // The spawned local cloud loads the built function bundles, as npm start does.
  if (!run('npx', ['tsx', 'scripts/build-functions.ts'])) return check('build cloud functions', false)
  if (!fs.existsSync(path.join(root, 'dist', 'h5', 'index.html')) || process.env.CI) {
    if (!run('npm', ['run', 'build:h5', '--silent'])) return check('H5 build', false)
  }
  jest('e2e', ['-c', 'tests/e2e/jest.config.js'])
})
stage('weapp', () => {
  // Built once here and shared by every weapp spec (one local cloud for all of them, in jest's global setup).
  const t0 = Date.now()
  if (!run('npx', ['tsx', 'scripts/build-functions.ts'])) return check('build cloud functions', false)
  const built = run('npx', ['taro', 'build', '--type', 'weapp'])
  check('weapp build', built)
  if (!built) return
  check('weapp main package within budget', run('node', ['scripts/weapp-size.mjs']))
  // Headless on the harness (WeChat's wcc/wcsc) always; the same specs' DevTools target runs where
  // WECHAT_DEVTOOLS_CLI is set and is counted as skipped elsewhere (DevTools does not run on Linux).
  jest('weapp', ['-c', 'tests/weapp/jest.config.js'])
  if (!process.env.WECHAT_DEVTOOLS_CLI) console.log('SKIP weapp specs on WeChat DevTools: WECHAT_DEVTOOLS_CLI is not set (DevTools does not run on Linux).')
  console.log(`weapp stage: ${((Date.now() - t0) / 1000).toFixed(1)} s`)
})

console.log('')
for (const line of reliabilityResults) console.log(line)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed === 0 ? 0 : 1)
