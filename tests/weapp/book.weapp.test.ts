import { chinaMonth, newFanOfStaff1, phoneCloudId } from './harness/personas'
import { weappSpec } from './harness/session'

type Ok<T> = { ok: true; data: T }

/** A fan of demo-staff-1 who shares a nickname, a phone tail and a birthday this month, and accepted one reminder. */
async function sharingFan(s: { cloud: import('./harness/session').Cloud }, tail: string) {
  const fan = await newFanOfStaff1(s.cloud, 'weapp-book')
  const nickname = `名册${tail}`
  const set = await s.cloud.call<{ ok: boolean }>(
    'fanProfile',
    { nickname, phoneTail: { cloudID: phoneCloudId(`1391234${tail}`) }, birthMonth: chinaMonth() },
    fan.openid
  )
  expect(set.ok).toBe(true)
  expect((await s.cloud.call<{ ok: boolean }>('subscribeWinBack', { accepted: true }, fan.openid)).ok).toBe(true)
  return { ...fan, nickname }
}

const rowNamed = async (page: import('./harness/session').MpPage, name: string) => {
  for (const r of await page.$$('.book-row')) if ((await (await r.$('.book-name'))!.text()) === name) return r
  return null
}

weappSpec('staff customer book on weapp: 今日跟进, 顾客名册 by phone tail, the fan page (tags, notes, follow-ups)', (s) => {
  it('today’s follow-ups list the birthday fan; the book finds her by phone tail and opens her page', async () => {
    const tail = String(1000 + Math.floor(Math.random() * 9000))
    const fan = await sharingFan(s, tail)
    const { mp, page } = await s.open({ persona: 'demo-staff-1', path: 'staff/pages/book/index' })
    // 今日跟进 is the first tab; the birthday reason shows on her row (the list may page: load until she is there)
    await page.waitFor(async () => {
      if (await rowNamed(page, fan.nickname)) return true
      const more = await page.$('.book-more')
      if (more && (await more.attribute('disabled')) === null) await more.tap()
      return false
    }, 20_000)
    expect(await (await rowNamed(page, fan.nickname))!.text()).toContain(`本月（${chinaMonth()} 月）生日`)

    await (await page.$('.book-tab-book'))!.tap()
    await page.waitFor('.book-q')
    await (await page.$('.book-q'))!.input(tail)
    await (await page.$('.book-search-go'))!.tap()
    // the earlier lists' rows stay until the search answers: wait for her row in a list of only tail matches
    await page.waitFor(async () => {
      const rows = await Promise.all((await page.$$('.book-row')).map((r) => r.text()))
      return rows.length > 0 && rows.every((t) => t.includes(tail)) && (await rowNamed(page, fan.nickname)) !== null
    })
    const row = (await rowNamed(page, fan.nickname))!
    expect(await (await row.$('.book-tail'))!.text()).toBe(`尾号 ${tail}`)
    expect(await (await page.$('.book-total'))!.text()).toMatch(/^共 \d+ 位顾客符合条件$/)

    await row.tap()
    const fanPage = await mp.currentPage()
    expect(fanPage.path).toBe('staff/pages/fan/index')
    await fanPage.waitFor('.fan-name')
    expect(await (await fanPage.$('.fan-code'))!.text()).toBe(`会员码 ${fan.memberCode}`)
  })

  it('tags and a note are saved; a coupon, a reminder and 标记完成 each land in the history', async () => {
    const fan = await sharingFan(s, String(1000 + Math.floor(Math.random() * 9000)))
    const { page } = await s.open({ persona: 'demo-staff-1', path: `staff/pages/fan/index?code=${fan.memberCode}` })
    await page.waitFor('.fan-tags-input')

    await (await page.$('.fan-tags-input'))!.input('爱喝拿铁，周末来')
    await (await page.$('.fan-tags-save'))!.tap()
    await page.waitFor(async () => (await page.$$('.fan-tag')).length === 2)
    expect(await Promise.all((await page.$$('.fan-tag')).map((t) => t.text()))).toEqual(['爱喝拿铁', '周末来'])
    await (await page.$('.fan-note-input'))!.input('不要糖')
    await (await page.$('.fan-note-save'))!.tap()
    await page.waitFor('.fan-note-text')
    expect(await (await page.$('.fan-note-text'))!.text()).toBe('不要糖')

    const message = async () => ((await page.$('.fan-message')) ? await (await page.$('.fan-message'))!.text() : '')
    await page.waitFor('.fan-follow-coupon')
    const template = await (await page.$('.fan-follow-template'))!.text()
    await (await page.$('.fan-follow-note'))!.input('生日券')
    await (await page.$('.fan-follow-coupon'))!.tap()
    await page.waitFor(async () => (await message()) === `已发券：${template}`)
    // the page reloads the fan after each action: the next one is made on the reloaded page
    await page.waitFor(async () => (await page.$$('.fan-history-row')).length === 1)
    // the reminder spends her one consent: the button then says none are left and is disabled
    const remind = (await page.$('.fan-follow-remind'))!
    expect(await remind.text()).toBe('发送提醒（剩 1 次）')
    await remind.tap()
    await page.waitFor(async () => (await message()) === '提醒已发送')
    await page.waitFor(async () => (await (await page.$('.fan-follow-remind'))!.text()) === '发送提醒（剩 0 次）')
    await page.waitFor(async () => (await page.$$('.fan-history-row')).length === 2)
    expect(await (await page.$('.fan-follow-remind'))!.attribute('disabled')).toBe('true')
    await (await page.$('.fan-follow-done'))!.tap()
    await page.waitFor(async () => (await message()) === '已标记完成')
    await page.waitFor(async () => (await page.$$('.fan-history-row')).length === 3)
    const history = await Promise.all((await page.$$('.fan-history-row')).map((r) => r.text()))
    expect(history.join('\n')).toMatch(/发券：生日券/)
    expect(history.some((h) => / 提醒$/.test(h))).toBe(true)
    expect(history.some((h) => / 完成$/.test(h))).toBe(true)

    const detail = await s.cloud.call<Ok<{ tags: string[]; coupons: { held: number }; reminderConsents: number }>>(
      'fanDetail',
      { memberCode: fan.memberCode },
      'demo-staff-1'
    )
    expect(detail.data).toMatchObject({ tags: ['爱喝拿铁', '周末来'], reminderConsents: 0 })
    expect(detail.data.coupons.held).toBeGreaterThanOrEqual(1)
  })
})
