/**
 * The platform failures the local cloud reproduces, switched per test on `LocalCloud.faults`:
 *
 *   cloud.faults.subscribe = 43101     // every subscribeMessage.send refused: no consent left
 *   cloud.faults.subscribe = 47003     // ... refused: bad template data
 *   cloud.faults.subscribe = 40037     // ... refused: unknown template id
 *   cloud.faults.openData = 'expired'  // every cloudID fails as an expired one does
 *   cloud.faults.timeoutMs = 50        // every function killed after 50 ms (instead of its deploy timeout)
 *   cloud.faults.timeouts = false      // no function timeouts at all
 *   cloud.faults.conflicts = false     // concurrent transactions on one document no longer conflict
 *   cloud.faults.dbLatencyMs = 20      // every database request answered 20 ms late (a slow network)
 *
 * `reset()` puts back the production-like defaults: timeouts and conflicts on, nothing else.
 */
export type SubscribeRefusal = 43101 | 47003 | 40037

export const SUBSCRIBE_REFUSALS: Record<SubscribeRefusal, string> = {
  43101: 'user refuse to accept the msg',
  47003: 'argument invalid! data is invalid',
  40037: 'invalid template_id'
}

export class PlatformFaults {
  subscribe: SubscribeRefusal | null = null
  openData: 'expired' | null = null
  timeoutMs: number | null = null
  timeouts = true
  dbLatencyMs = 0
  private conflictsOn = true

  constructor(private readonly onConflicts: (on: boolean) => void) {}

  get conflicts(): boolean {
    return this.conflictsOn
  }

  set conflicts(on: boolean) {
    this.conflictsOn = on
    this.onConflicts(on)
  }

  reset(): void {
    this.subscribe = null
    this.openData = null
    this.timeoutMs = null
    this.timeouts = true
    this.dbLatencyMs = 0
    this.conflicts = true
  }
}
