import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { serveApp } from '../../src/localcloud/static'

/** The H5 build as the local cloud serves it to phones: compressed, hashed assets cached, index revalidated. */
describe('static H5 serving', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-static-'))
  const script = 'console.log("' + '扫码签到'.repeat(400) + '")\n'
  let server: http.Server
  let base = ''
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'js'))
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><script src="/js/app.1a2b3c4d.js"></script>' + ' '.repeat(600))
    fs.writeFileSync(path.join(root, 'js', 'app.1a2b3c4d.js'), script)
    fs.writeFileSync(path.join(os.tmpdir(), 'fanloop-static-secret.txt'), 'outside')
    server = http.createServer((req, res) => {
      if (!serveApp(req, res, root, new URL(req.url ?? '/', 'http://x').pathname)) {
        res.writeHead(404)
        res.end()
      }
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  const get = (p: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(base + p, { headers }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        })
        .on('error', reject)
    })

  it('sends a hashed script brotli-compressed and cacheable for a year', async () => {
    const r = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(r.headers['content-encoding']).toBe('br')
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(r.body.length).toBeLessThan(Buffer.byteLength(script) / 10)
    expect(zlib.brotliDecompressSync(r.body).toString('utf8')).toBe(script)
  })

  it('falls back to gzip, then to the plain file, by what the client accepts', async () => {
    const gz = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.body).toString('utf8')).toBe(script)
    const plain = await get('/js/app.1a2b3c4d.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString('utf8')).toBe(script)
  })

  it('has index.html revalidated on every visit, answering 304 when unchanged', async () => {
    const first = await get('/')
    expect(first.headers['cache-control']).toBe('no-cache')
    const again = await get('/', { 'if-none-match': String(first.headers.etag) })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  it('answers index.html for app routes and never a file outside the build', async () => {
    const route = await get('/pages/checkin/index')
    expect(route.body.toString('utf8')).toContain('app.1a2b3c4d.js')
    const escape = await get('/../fanloop-static-secret.txt')
    expect(escape.body.toString('utf8')).not.toContain('outside')
    const encoded = await get('/%2e%2e/fanloop-static-secret.txt')
    expect(encoded.body.toString('utf8')).not.toContain('outside')
  })
})
