import Module from 'node:module'
import path from 'node:path'

export type CloudMain = (event: unknown, context?: unknown) => Promise<unknown>
export type FunctionSource = 'built' | 'source'

const ROOT = path.resolve(__dirname, '..', '..')
const SDK_STAND_IN = path.join(__dirname, 'sdk', 'index')

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string
let hooked = false

/**
 * Deployed bundles `require('wx-server-sdk')`; inside the local cloud that name resolves to the local
 * stand-in instead. The bundles themselves are byte-for-byte what deploys.
 */
function redirectSdk(): void {
  if (hooked) return
  hooked = true
  const mod = Module as unknown as { _resolveFilename: Resolve }
  const original = mod._resolveFilename
  mod._resolveFilename = function (request, parent, ...rest) {
    return original.call(this, request === 'wx-server-sdk' ? SDK_STAND_IN : request, parent, ...rest)
  }
}

/** `built`: cloudfunctions/<name>/index.js as deployed. `source`: src/functions/<name>.ts (jest, tsx). */
export function loadFunction(name: string, source: FunctionSource): CloudMain {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad function name: ${name}`)
  redirectSdk()
  const file = source === 'built' ? path.join(ROOT, 'cloudfunctions', name, 'index.js') : path.join(ROOT, 'src', 'functions', name)
  const mod = require(file) as { main?: CloudMain }
  if (typeof mod.main !== 'function') throw new Error(`${name} exports no main`)
  return mod.main
}
