/**
 * npm run bench [-- <name> ...]: runs the named benchmarks (all when none is named). Each prints its
 * measurements and ends with a RESULT line; other tools read those lines, so their names never change.
 */
import { benchCheckin } from './checkin'

const BENCHES: Record<string, () => Promise<string>> = {
  nearby: () => import('./nearby').then((m) => m.benchNearby()),
  kpi: () => import('./kpi').then((m) => m.benchKpi()),
  checkin: benchCheckin,
  coldstart: () => import('./coldstart').then((m) => m.benchColdstart()),
  landing: () => import('./landing').then((m) => m.benchLanding()),
  dbreq: () => import('./dbreq').then((m) => m.benchDbreq()),
  hotstore: () => import('./hotstore').then((m) => m.benchHotstore())
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2)
  const unknown = asked.filter((n) => !BENCHES[n])
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`)
  const results: string[] = []
  for (const name of asked.length ? asked : Object.keys(BENCHES)) {
    console.log(`\n=== bench ${name}`)
    results.push(await BENCHES[name]())
  }
  console.log('')
  for (const line of results) console.log(line)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
