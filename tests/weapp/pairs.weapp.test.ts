import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

/** Every `x.ts` / `x.tsx` in src that has an `x.h5.ts` / `x.h5.tsx` twin: the weapp half of a platform pair. */
function weappHalves(): string[] {
  const all = filesUnder(path.join(ROOT, 'src')).map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
  const set = new Set(all)
  const halves = new Set<string>()
  for (const f of all) {
    const m = /^(.*)\.h5\.(tsx?)$/.exec(f)
    if (!m) continue
    const twin = [`${m[1]}.ts`, `${m[1]}.tsx`].find((t) => set.has(t))
    if (!twin) throw new Error(`${f} has no weapp twin (${m[1]}.ts or .tsx)`)
    halves.add(twin)
  }
  return [...halves].sort()
}

/** What the weapp specs declare with `s.covers('<file>', marker)`; each spec checks its marker ran. */
function declaredCovers(): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const spec of fs.readdirSync(__dirname).filter((f) => f.endsWith('.weapp.test.ts') && f !== path.basename(__filename))) {
    const text = fs.readFileSync(path.join(__dirname, spec), 'utf8')
    for (const m of text.matchAll(/\.covers\(\s*'([^']+)'/g)) out.set(m[1], [...(out.get(m[1]) ?? []), spec])
  }
  return out
}

describe('every .ts / .h5.ts pair has its weapp half executed by a weapp spec', () => {
  const halves = weappHalves()
  const covers = declaredCovers()

  it('finds the pairs in src', () => {
    expect(halves.length).toBeGreaterThanOrEqual(13)
  })

  it.each(halves)('%s is covered by a weapp spec', (file) => {
    expect(covers.get(file) ?? []).not.toHaveLength(0)
  })

  it('names only files that exist (a cover may also name a weapp-only file, such as the share ticket)', () => {
    expect([...covers.keys()].filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([])
  })
})
