import { parseCron } from '../../src/localcloud/cron'
import { loadTimerTriggers, TimerRunner } from '../../src/localcloud/timers'
import path from 'node:path'

// WeChat Cloud timer triggers (云函数 定时触发器): 7 fields "sec min hour day month week year", wildcards
// , - * /, month and weekday names, day and week OR'ed when both are set, time zone UTC+8.
const china = (iso: string) => Date.parse(`${iso}+08:00`)

describe('timer trigger cron', () => {
  it.each([
    ['0 0 10 * * * *', '2026-11-23T10:00:00', true],
    ['0 0 10 * * * *', '2026-11-23T10:00:01', false],
    ['0 0 10 * * * *', '2026-11-23T02:00:00', false], // 10:00 UTC is 18:00 in China
    ['*/5 * * * * * *', '2026-11-23T08:30:15', true],
    ['*/5 * * * * * *', '2026-11-23T08:30:16', false],
    ['0 1/10 * * * * *', '2026-11-23T08:21:00', true],
    ['0 1/10 * * * * *', '2026-11-23T08:20:00', false],
    ['0 0 2 1 * * *', '2026-12-01T02:00:00', true],
    ['0 0 2 1 * * *', '2026-12-02T02:00:00', false],
    ['0 0 9 * * MON-FRI *', '2026-11-23T09:00:00', true], // a Monday
    ['0 0 9 * * MON-FRI *', '2026-11-22T09:00:00', false], // a Sunday
    ['0 0 9 1 * 0 *', '2026-11-22T09:00:00', true], // day 1 OR Sunday
    ['0 0 0 * DEC * 2026', '2026-12-25T00:00:00', true],
    ['0 0 0 * DEC * 2027', '2026-12-25T00:00:00', false]
  ])('%s at %s China time → %s', (expr, at, expected) => {
    expect(parseCron(expr).matches(china(at))).toBe(expected)
  })

  it.each([['0 0 10 * * *'], ['60 * * * * * *'], ['0 0 24 * * * *'], ['0 0 * 0 * * *'], ['0 */0 * * * * *']])('refuses %s', (expr) => {
    expect(() => parseCron(expr)).toThrow(RangeError)
  })

  it('the runner fires the function once per matching second with the platform’s timer event', () => {
    let now = china('2026-11-23T09:59:58')
    const fired: Array<[string, Record<string, unknown>]> = []
    const runner = new TimerRunner(
      [{ fn: 'runWinBack', name: 'winBackDaily', schedule: parseCron('0 0 10 * * * *') }],
      async (fn, e) => fired.push([fn, e]),
      () => now
    )
    for (let i = 0; i < 8; i++, now += 500) runner.tick()
    expect(fired).toEqual([['runWinBack', { Type: 'Timer', TriggerName: 'winBackDaily', Time: '2026-11-23T02:00:00.000Z' }]])
  })
})

describe('the local cloud’s timers', () => {
  it('are the ones that deploy: runWinBack’s daily trigger from config/cloud/functions.json', () => {
    const triggers = loadTimerTriggers(path.resolve(__dirname, '..', '..'), ['runWinBack', 'checkin'])
    expect(triggers.map((t) => [t.fn, t.name])).toEqual([['runWinBack', 'winBackDaily']])
    expect(triggers[0].schedule.matches(china('2026-11-24T10:00:00'))).toBe(true)
  })
})
