/**
 * What a cold start costs each function before its first line runs: the deployed bundle's size, and the
 * time a fresh Node process takes to `require` it (its own code plus wx-server-sdk, which the platform
 * installs beside it), median of 3 fresh processes per function. The SDK alone is timed the same way,
 * so what the bundle adds on top of it is visible.
 * Last line: RESULT coldstart max_bundle_kb=<n> max_require_ms=<n> sdk_require_ms=<n> functions=<n>
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, round } from './lib'

const TRIES = 3

/** Milliseconds for `require(target)` in a new process, median of TRIES. */
function requireMs(target: string, cwd: string): number {
  const code = `const t = process.hrtime.bigint(); require(${JSON.stringify(target)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6))`
  const times: number[] = []
  for (let i = 0; i < TRIES; i++) {
    // FANLOOP_* secrets as a deployed function has them: some bundles read them at load.
    const r = spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8', env: { ...process.env, FANLOOP_SIGNING_KEY: 'coldstart-bench-signing-key' } })
    if (r.status !== 0) throw new Error(`require ${target} failed: ${r.stderr}`)
    times.push(Number(r.stdout))
  }
  return times.sort((a, b) => a - b)[Math.floor(TRIES / 2)]
}

export async function benchColdstart(): Promise<string> {
  console.log('building the function bundles …')
  if (spawnSync('npx', ['tsx', 'scripts/build-functions.ts'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('function build failed')
  const dir = path.join(ROOT, 'cloudfunctions')
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'index.js')))
  const sdkMs = requireMs('wx-server-sdk', ROOT)
  const rows = names.map((name) => {
    const file = path.join(dir, name, 'index.js')
    return { name, kb: fs.statSync(file).size / 1024, ms: requireMs(file, path.join(dir, name)) }
  })
  rows.sort((a, b) => b.ms - a.ms)
  for (const r of rows.slice(0, 8)) console.log(`${r.name.padEnd(22)} ${round(r.kb, 1)} KB  require ${round(r.ms, 1)} ms`)
  const maxKb = Math.max(...rows.map((r) => r.kb))
  const maxMs = Math.max(...rows.map((r) => r.ms))
  console.log(
    `${rows.length} functions; largest bundle ${round(maxKb, 1)} KB; slowest require ${round(maxMs, 1)} ms (wx-server-sdk alone: ${round(sdkMs, 1)} ms)`
  )
  return `RESULT coldstart max_bundle_kb=${round(maxKb, 1)} max_require_ms=${round(maxMs, 1)} sdk_require_ms=${round(sdkMs, 1)} functions=${rows.length}`
}
