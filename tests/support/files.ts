import fs from 'node:fs'
import path from 'node:path'

/** Every file below `dir` whose name matches `name`, depth first; none when `dir` does not exist. */
export function filesUnder(dir: string, name: RegExp): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), name) : name.test(e.name) ? [path.join(dir, e.name)] : []))
}
