import fs from 'node:fs'
import path from 'node:path'

/** Reliability tests leave their RESULT lines here; scripts/reliability.mjs prints them last. */
export const RESULTS_DIR = path.resolve(__dirname, '..', '..', '.temp', 'reliability')

export function recordResult(name: string, line: string): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.txt`), line + '\n')
}
