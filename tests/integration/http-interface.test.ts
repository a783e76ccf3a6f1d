import { startTestCloud, type TestCloud } from '../support/local-cloud'

/** The local cloud's HTTP interface is relied on outside the repo: POST /fn/<name> with x-wx-openid. */
let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ serve: true })
})
afterAll(async () => {
  await t.stop()
})

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

describe('local cloud HTTP interface', () => {
  it('POST /fn/<name> runs the function as the x-wx-openid caller', async () => {
    const res = await post('/fn/session', '{}', { 'x-wx-openid': 'demo-staff-1' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, data: { role: 'staff' } })
  })

  it('without x-wx-openid the caller is unauthenticated', async () => {
    expect(await (await post('/fn/session', '{}')).json()).toEqual({ ok: false, code: 'UNAUTHENTICATED', message: expect.any(String) })
  })

  it('an unknown function is a 404 with UNKNOWN_FUNCTION', async () => {
    const res = await post('/fn/nope', '{}', { 'x-wx-openid': 'a' })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false, code: 'UNKNOWN_FUNCTION' })
  })

  it('a body that is not JSON is INVALID_INPUT, and a huge body is refused before parsing', async () => {
    expect(await (await post('/fn/session', '{not json', { 'x-wx-openid': 'a' })).json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const huge = await post('/fn/session', JSON.stringify({ x: 'y'.repeat(2 * 1024 * 1024) }), { 'x-wx-openid': 'a' })
    expect(huge.status).toBe(413)
  })

  it('answers never carry a stack trace', async () => {
    const body = await (await post('/fn/checkin', '{"scene": 12}', { 'x-wx-openid': 'a' })).text()
    expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/)
    expect(JSON.parse(body)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  it('GET /healthz lists every function and /dev/personas the demo identities', async () => {
    expect((await (await fetch(`${t.url}/healthz`)).json()).functions).toEqual(expect.arrayContaining(['checkin', 'session']))
    const personas = (await (await fetch(`${t.url}/dev/personas`)).json()).personas as Array<{ role: string }>
    expect(new Set(personas.map((p) => p.role))).toEqual(new Set(['shopper', 'staff', 'manager']))
  })

  it('/files/ does not serve anything outside the files folder', async () => {
    const res = await fetch(`${t.url}/files/..%2F..%2Fpackage.json`)
    expect(res.status).toBe(404)
  })
})
