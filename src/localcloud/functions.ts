import fs from 'node:fs'
import path from 'node:path'

export type CloudMain = (event: unknown, context?: unknown) => Promise<unknown>
export type FunctionSource = 'built' | 'source'

const ROOT = path.resolve(__dirname, '..', '..')

/**
 * `built`: cloudfunctions/<name>/index.js as deployed. `source`: src/functions/<name>.ts (jest, tsx).
 * Either way `require('wx-server-sdk')` inside gets the real, installed package: the local cloud answers
 * beneath it (see wire/install.ts), it never substitutes the module.
 */
export function loadFunction(name: string, source: FunctionSource): CloudMain {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad function name: ${name}`)
  const file = source === 'built' ? path.join(ROOT, 'cloudfunctions', name, 'index.js') : path.join(ROOT, 'src', 'functions', name)
  const mod = require(file) as { main?: CloudMain }
  if (typeof mod.main !== 'function') throw new Error(`${name} exports no main`)
  return mod.main
}

interface DeploySettings {
  defaults?: { timeout?: number }
  functions?: Record<string, { timeout?: number }>
}

/** Each function's timeout in ms, from the deploy settings its config.json is built from (platform default 3 s). */
export function loadTimeouts(names: readonly string[]): Map<string, number> {
  const file = path.join(ROOT, 'config', 'cloud', 'functions.json')
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as DeploySettings
  const fallback = spec.defaults?.timeout ?? 3
  return new Map(names.map((n) => [n, (spec.functions?.[n]?.timeout ?? fallback) * 1000]))
}
