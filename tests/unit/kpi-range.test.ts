import { blockId, blocksContaining, coverRange, dayKeyOfNumber, dayNumber, lastClosedDay, MAX_RANGE_DAYS, resolveRange } from '../../src/domain/kpi-range'

// 2026-11-23 00:00:00 China time = 2026-11-22 16:00 UTC
const MIDNIGHT_23RD = Date.UTC(2026, 10, 22, 16)

describe('KPI ranges in China days', () => {
  it('presets end today (China time), even when UTC still says yesterday', () => {
    expect(resolveRange({ range: 'today' }, MIDNIGHT_23RD)).toEqual({ from: '2026-11-23', to: '2026-11-23', days: ['2026-11-23'] })
    expect(resolveRange({ range: 'today' }, MIDNIGHT_23RD - 1)).toMatchObject({ from: '2026-11-22', to: '2026-11-22' })
    const week = resolveRange({ range: '7d' }, MIDNIGHT_23RD)
    expect(week).toMatchObject({ from: '2026-11-17', to: '2026-11-23' })
    expect('days' in week && week.days).toHaveLength(7)
    expect(resolveRange({ range: '30d' }, MIDNIGHT_23RD)).toMatchObject({ from: '2026-10-25', to: '2026-11-23' })
  })

  it.each([
    [
      { range: 'custom' as const, from: '2026-11-01', to: '2026-11-03' },
      { from: '2026-11-01', to: '2026-11-03' }
    ],
    [
      { range: 'custom' as const, from: '2026-02-27', to: '2026-03-01' },
      { from: '2026-02-27', to: '2026-03-01' }
    ]
  ])('custom %j', (q, want) => {
    expect(resolveRange(q, MIDNIGHT_23RD)).toMatchObject(want)
  })

  it.each([
    [{ range: 'custom' as const, from: '2026-11-05', to: '2026-11-01' }, '开始日期不能晚于结束日期'],
    [{ range: 'custom' as const, from: '2026-11-20', to: '2026-11-24' }, '结束日期不能晚于今天'],
    [{ range: 'custom' as const, from: '2026-02-29', to: '2026-03-01' }, '请选择有效的开始和结束日期'],
    [{ range: 'custom' as const, to: '2026-03-01' }, '请选择有效的开始和结束日期'],
    [{ range: '7d' as const, from: '2026-11-01' }, '只有自定义范围可以指定起止日期'],
    [{ range: 'custom' as const, from: '2026-08-22', to: '2026-11-22' }, `日期范围最多 ${MAX_RANGE_DAYS} 天`]
  ])('refuses %j', (q, error) => {
    expect(resolveRange(q, MIDNIGHT_23RD)).toEqual({ error })
  })

  it('allows exactly 92 days', () => {
    expect(resolveRange({ range: 'custom', from: '2026-08-23', to: '2026-11-22' }, MIDNIGHT_23RD)).toMatchObject({ from: '2026-08-23' })
  })

  it('day numbers are consecutive across month and year ends', () => {
    expect(dayNumber('2027-01-01') - dayNumber('2026-12-31')).toBe(1)
    expect(dayKeyOfNumber(dayNumber('2026-03-01') - 1)).toBe('2026-02-28')
  })

  it('a day is closed 15 minutes after its China midnight', () => {
    expect(dayKeyOfNumber(lastClosedDay(MIDNIGHT_23RD + 14 * 60_000))).toBe('2026-11-21')
    expect(dayKeyOfNumber(lastClosedDay(MIDNIGHT_23RD + 15 * 60_000))).toBe('2026-11-22')
  })
})

describe('rollup blocks', () => {
  const covered = (from: number, to: number, closed: number) => {
    const { blocks, openDays } = coverRange(from, to, closed)
    const days = blocks.flatMap((b) => Array.from({ length: 2 ** b.level }, (_, i) => b.start + i))
    return { blocks, days, openDays }
  }

  it('covers every closed day exactly once with aligned blocks, and leaves the open days', () => {
    for (const [from, len, openTail] of [
      [20_400, 30, 1],
      [20_413, 92, 2],
      [20_416, 1, 1],
      [20_401, 7, 0]
    ]) {
      const to = from + len - 1
      const { blocks, days, openDays } = covered(from, to, to - openTail)
      expect(days).toEqual(Array.from({ length: len - openTail }, (_, i) => from + i))
      expect(openDays).toEqual(Array.from({ length: openTail }, (_, i) => to - openTail + 1 + i))
      for (const b of blocks) expect(b.start % 2 ** b.level).toBe(0)
      expect(blocks.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(len + 1)))
    }
  })

  it('names blocks by level and first day, and finds every block holding a day', () => {
    const day = dayNumber('2026-11-20')
    const holding = blocksContaining(day)
    expect(holding).toHaveLength(7)
    expect(blockId(holding[0])).toBe('b0.2026-11-20')
    for (const b of holding) expect(day >= b.start && day < b.start + 2 ** b.level).toBe(true)
  })
})
