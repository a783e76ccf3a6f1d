#!/usr/bin/env node
/** npm run test:reliability: the fuzz and crash tests, then their RESULT lines last. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const results = path.join(root, '.temp', 'reliability')
fs.rmSync(results, { recursive: true, force: true })
const built = spawnSync('npx', ['tsx', 'scripts/build-functions.ts'], { cwd: root, stdio: 'inherit' })
const r =
  built.status === 0 ? spawnSync('npx', ['jest', '-c', 'tests/reliability/jest.config.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }) : built
const lines = fs.existsSync(results)
  ? fs
      .readdirSync(results)
      .sort()
      .map((f) => fs.readFileSync(path.join(results, f), 'utf8').trim())
  : []
console.log('')
for (const line of lines) console.log(line)
process.exit(r.status ?? 1)
