import fs from 'node:fs'
import path from 'node:path'
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH } from '../../src/components/staff-poster/draw'
import { chinaDayKey, chinaDayKeyStart, DAY_MS } from '../../src/domain/china-time'
import { defaultGroupValidUntil, groupLastDay } from '../../src/domain/group-expiry'
import { groupCodeExpiry } from '../../src/domain/group-rotation'
import { mayManageStores } from '../../src/domain/manager-scope'
import { readableExport } from '../../src/domain/privacy-readable'
import type { MyData } from '../../src/contract/privacy'
import { toDraft } from '../../src/manager/pages/coupons/draft'
import { tillLookup } from '../../src/staff/pages/sale/lookup'

// 2026-12-07 01:30 UTC = 09:30 in China
const NOW = Date.UTC(2026, 11, 7, 1, 30)

describe('#18.9 group code expiry', () => {
  it('defaults a new code to the 7 days a WeChat group QR allows, and that date is the last day every page shows', () => {
    const until = defaultGroupValidUntil(NOW)
    expect(until).toBe('2026-12-14')
    // saved with that date, the code expires 7 days after upload, and its last day reads as the date chosen
    const expiresAt = groupCodeExpiry(until, NOW)
    expect(expiresAt).toBe(NOW + 7 * DAY_MS)
    expect(groupLastDay(expiresAt)).toBe(until)
  })
  it('a code valid through a day expires at China midnight after it: its last day is that day, not the next', () => {
    const expiresAt = groupCodeExpiry('2026-12-09', NOW)
    expect(expiresAt).toBe(chinaDayKeyStart('2026-12-10'))
    expect(groupLastDay(expiresAt)).toBe('2026-12-09')
    // late evening in China (UTC the day before) still picks the China date
    expect(defaultGroupValidUntil(Date.UTC(2026, 11, 6, 17, 0))).toBe(chinaDayKey(Date.UTC(2026, 11, 6, 17, 0) + 7 * DAY_MS))
    expect(defaultGroupValidUntil(Date.UTC(2026, 11, 6, 17, 0))).toBe('2026-12-14')
  })
})

describe('#18.12 what a store manager may change', () => {
  it('a brand manager may change anything; a store manager only what is limited to her stores', () => {
    expect(mayManageStores(null, null)).toBe(true)
    expect(mayManageStores(null, ['st01'])).toBe(true)
    expect(mayManageStores(['st02'], null)).toBe(false)
    expect(mayManageStores(['st02'], ['st02'])).toBe(true)
    expect(mayManageStores(['st02'], ['st02', 'st03'])).toBe(false)
    expect(mayManageStores(['st02'], [])).toBe(false)
  })
  it('a new template defaults to all stores for a brand manager and to her own stores for a store manager', () => {
    expect(toDraft(null, NOW).storeIds).toBeNull()
    expect(toDraft(null, NOW, null).storeIds).toBeNull()
    expect(toDraft(null, NOW, ['st02']).storeIds).toEqual(['st02'])
  })
})

describe('#18.11 the till takes a member code or a phone number', () => {
  it('reads 11 digits as a phone, anything else as a member code', () => {
    expect(tillLookup(' 13912345678 ')).toEqual({ phone: '13912345678' })
    expect(tillLookup('+8613912345678')).toEqual({ phone: '+8613912345678' })
    expect(tillLookup('k4hxgcmr7y')).toEqual({ memberCode: 'k4hxgcmr7y' })
    expect(tillLookup('  K4HXGCMR7Y')).toEqual({ memberCode: 'K4HXGCMR7Y' })
  })
})

describe('#18.17 the exported data reads without a developer', () => {
  const at = Date.UTC(2026, 11, 6, 16, 30) // 2026-12-07 00:30 in China
  const sample: MyData = {
    exportedAt: NOW,
    cap: 500,
    fan: {
      memberCode: 'K4HXGCMR7Y',
      channel: 'staff_code',
      firstStore: '静安寺店',
      lastStore: '静安寺店',
      capturingStaff: '王芳',
      ownerStaff: '王芳',
      boundAt: at,
      createdAt: at,
      lastVisitAt: at,
      visits: 2
    },
    staff: null,
    visits: { total: 1, truncated: false, rows: [{ at, store: '静安寺店', servingStaff: '王芳', channel: 'staff_code' }] },
    coupons: {
      total: 1,
      truncated: false,
      rows: [{ title: '新粉礼', code: 'ABCD2345', state: 'used', issuedAt: at, validUntil: at + DAY_MS, redeemedAt: at, occasion: 'welcome' }]
    },
    redemptions: { total: 1, truncated: false, rows: [{ at, store: '静安寺店', amountFen: 1280, undone: false }] },
    sales: { total: 1, truncated: false, rows: [{ at, store: '静安寺店', amountFen: 4200, source: 'staff' }] },
    bindingEvents: { total: 1, truncated: false, rows: [{ at, store: '静安寺店', from: null, to: '王芳', reason: 'new_fan' }] },
    groupJoins: { total: 1, truncated: false, rows: [{ joinedAt: at, group: '粉丝群1', store: '静安寺店' }] },
    groupSightings: { total: 0, truncated: false, rows: [] },
    phoneBound: true,
    reminderConsents: 2
  } as unknown as MyData

  const keys = (x: unknown): string[] =>
    Array.isArray(x) ? x.flatMap(keys) : x && typeof x === 'object' ? Object.entries(x).flatMap(([k, v]) => [k, ...keys(v)]) : []
  const values = (x: unknown): unknown[] => (Array.isArray(x) ? x.flatMap(values) : x && typeof x === 'object' ? Object.values(x).flatMap(values) : [x])

  it('labels every field in Chinese and writes times as China dates, money in yuan, kinds in words', () => {
    const r = readableExport(sample)
    const english = keys(r).filter((k) => /[A-Za-z]/.test(k))
    expect(english).toEqual([])
    // no epoch numbers left: every number is a count
    const big = values(r).filter((v) => typeof v === 'number' && v > 1_000_000)
    expect(big).toEqual([])
    const text = JSON.stringify(r)
    expect(text).toContain('2026-12-07 00:30')
    expect(text).toContain('¥42.00')
    expect(text).not.toMatch(/staff_code|new_fan|welcome"|"used"/)
    expect(text).toContain('已绑定')
  })
})

describe('#18.14 #18.15 the code poster', () => {
  /** A canvas context that records the text drawn (every character 10 units wide). */
  function recorder() {
    const texts: string[] = []
    const ctx = new Proxy(
      {
        fillText: (t: string) => texts.push(t),
        measureText: (t: string) => ({ width: t.length * 10 })
      } as Record<string, unknown>,
      { get: (target, key) => (key in target ? target[key as string] : () => undefined), set: () => true }
    )
    return { ctx: ctx as unknown as CanvasRenderingContext2D, texts }
  }

  it("carries the brand's name and the store's, never the product's", () => {
    const { ctx, texts } = recorder()
    drawPoster(ctx, null, { brandName: '拾光咖啡', storeName: '静安寺店', headline: '欢迎光临，扫码成为门店粉丝', tagline: '到店好礼' })
    expect(texts).toEqual(expect.arrayContaining(['拾光咖啡', '静安寺店', '欢迎光临，扫码成为门店粉丝', '到店好礼']))
    expect(texts.join(' ')).not.toMatch(/fanloop|粉丝通|undefined/)
  })

  it('the preview box keeps the poster’s proportions, so nothing is cut off', () => {
    const scss = fs.readFileSync(path.join(__dirname, '../../src/components/staff-poster/index.scss'), 'utf8')
    const block = /\.staff-poster-preview\s*\{([^}]*)\}/.exec(scss)?.[1] ?? ''
    const px = (prop: string) => Number(new RegExp(`\\b${prop}:\\s*(\\d+)px`).exec(block)?.[1])
    expect(px('height') / px('width')).toBeCloseTo(POSTER_HEIGHT / POSTER_WIDTH, 2)
  })
})
