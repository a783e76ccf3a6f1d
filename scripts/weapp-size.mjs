#!/usr/bin/env node
/** The weapp main package (everything but the subpackage folders) must stay within WeChat's budget here: 600 KB. */
import fs from 'node:fs'
import path from 'node:path'

const BUDGET = 600 * 1024
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist', 'weapp')
const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'))
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))

function size(dir, rel = '') {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name
    if (subRoots.includes(r)) continue
    const full = path.join(dir, entry.name)
    total += entry.isDirectory() ? size(full, r) : fs.statSync(full).size
  }
  return total
}

const main = size(root)
const pages = app.pages.length
console.log(
  `weapp main package: ${main} bytes (${(main / 1024).toFixed(1)} KB, budget ${BUDGET / 1024} KB); ${pages} main pages; subpackages: ${subRoots.join(', ') || 'none'}`
)
console.log(`RESULT weapp main_bytes=${main} budget_bytes=${BUDGET}`)
if (main > BUDGET) process.exit(1)
if (subRoots.length < 2) {
  console.error('expected the staff and manager subpackages in app.json')
  process.exit(1)
}
