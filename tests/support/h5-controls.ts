import type { Locator, Page } from 'playwright-core'

/** Taro H5 controls driven as a person does: picker wheels and modals. */

/** Drags a picker wheel (within the wheel: leaving it ends the drag) until `row` sits on the highlight. */
async function scrollWheel(page: Page, wheel: Locator, row: Locator): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const [band, item, area] = await Promise.all([wheel.locator('.weui-picker__indicator').boundingBox(), row.boundingBox(), wheel.boundingBox()])
    if (!band || !item || !area) throw new Error('picker wheel not shown')
    const delta = item.y + item.height / 2 - (band.y + band.height / 2)
    if (Math.abs(delta) < band.height / 2) return
    const x = area.x + area.width / 2
    const reach = Math.min(Math.abs(delta), area.height - 24)
    const from = delta > 0 ? area.y + area.height - 12 : area.y + 12
    await page.mouse.move(x, from)
    await page.mouse.down()
    await page.mouse.move(x, delta > 0 ? from - reach : from + reach, { steps: 8 })
    await page.mouse.up()
    await page.waitForTimeout(400)
  }
  throw new Error('the picker wheel did not reach its row')
}

/** Opens a selector picker and picks the row reading `label`. */
export async function pickRow(page: Page, opener: Locator, label: string): Promise<void> {
  await opener.click()
  // each Picker on the page keeps its own (hidden) sheet: work in the one shown
  const sheet = page.locator('.weui-picker__hd:visible')
  for (let last = ''; ; await page.waitForTimeout(200)) {
    const box = JSON.stringify(await sheet.boundingBox())
    if (box === last) break
    last = box
  }
  const wheel = page.locator('.weui-picker__group:visible').first()
  await scrollWheel(page, wheel, wheel.locator('.weui-picker__item').filter({ hasText: label }))
  await page.locator('.weui-picker__action:visible').filter({ hasText: '确定' }).click()
}

/** Taro's H5 modal: waits for its text, answers it, and returns what it said. */
export async function answerModal(page: Page, expectText: RegExp, confirm: boolean): Promise<string> {
  const text = page.locator('.taro-modal__text')
  await text.filter({ hasText: expectText }).waitFor({ state: 'visible' })
  const said = await text.innerText()
  await page.locator(confirm ? '.taro-model__confirm' : '.taro-model__cancel').click()
  await page.locator('.taro__modal').waitFor({ state: 'hidden' })
  return said
}
