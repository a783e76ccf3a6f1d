import fs from 'node:fs'
import path from 'node:path'
import { parseCron, type CronSchedule } from './cron'

interface TimerTrigger {
  fn: string
  name: string
  schedule: CronSchedule
}

/** The timer triggers that deploy with the functions (config/cloud/functions.json → each config.json). */
export function loadTimerTriggers(root: string, known: readonly string[]): TimerTrigger[] {
  const file = JSON.parse(fs.readFileSync(path.join(root, 'config', 'cloud', 'functions.json'), 'utf8')) as {
    functions: Record<string, { triggers?: Array<{ name: string; type: string; config: string }> }>
  }
  return Object.entries(file.functions).flatMap(([fn, s]) =>
    known.includes(fn) ? (s.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ fn, name: t.name, schedule: parseCron(t.config) })) : []
  )
}

/**
 * Fires each trigger's function at the seconds its cron names, with the timer event the platform sends
 * ({ Type: 'Timer', TriggerName, Time }) and no caller. A slow tick catches up at most a few seconds.
 */
export class TimerRunner {
  private handle: NodeJS.Timeout | null = null
  private last = 0

  constructor(
    private readonly triggers: TimerTrigger[],
    private readonly fire: (fn: string, event: Record<string, unknown>) => Promise<unknown>,
    private readonly now: () => number = Date.now
  ) {}

  /** Checks every whole second since the previous tick; exposed so tests can drive a fake clock. */
  tick(): void {
    const second = Math.floor(this.now() / 1000)
    const from = this.last === 0 ? second : Math.max(this.last + 1, second - 5)
    for (let s = from; s <= second; s++) {
      for (const t of this.triggers) {
        if (t.schedule.matches(s * 1000)) void this.fire(t.fn, { Type: 'Timer', TriggerName: t.name, Time: new Date(s * 1000).toISOString() })
      }
    }
    this.last = second
  }

  start(): void {
    if (this.triggers.length === 0 || this.handle) return
    this.handle = setInterval(() => this.tick(), 250)
    this.handle.unref()
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle)
    this.handle = null
  }
}
