import http from 'node:http'
import { failure } from '../contract'
import type { FunctionRegistry } from './registry'
import { BodyTooLarge, readBody, sendJson } from './http'
import type { LocalPlatform } from './platform'
import { serveApp, serveFile } from './static'

export interface ServerDeps {
  registry: FunctionRegistry
  platform: LocalPlatform
  /** the H5 build to serve at /, if built */
  staticDir: string | null
  personas: () => unknown
}

async function handleFunction(deps: ServerDeps, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (!deps.registry.has(name)) return sendJson(res, 404, failure('UNKNOWN_FUNCTION'))
  let event: unknown
  try {
    const text = await readBody(req)
    event = text.trim() === '' ? {} : JSON.parse(text)
  } catch (err) {
    return sendJson(
      res,
      err instanceof BodyTooLarge ? 413 : 400,
      failure('INVALID_INPUT', err instanceof BodyTooLarge ? '请求体过大' : '请求体不是合法的 JSON')
    )
  }
  const header = req.headers['x-wx-openid']
  const openid = typeof header === 'string' && header.length > 0 && header.length <= 128 ? header : undefined
  sendJson(res, 200, await deps.registry.invoke(name, event, openid))
}

/** POST /http/<name>: an HTTP-triggered function gets the integration-request event the cloud gives it. */
async function handleHttpTrigger(deps: ServerDeps, name: string, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  if (!deps.registry.has(name)) return sendJson(res, 404, failure('UNKNOWN_FUNCTION'))
  let body: string
  try {
    body = await readBody(req)
  } catch {
    return sendJson(res, 413, failure('INVALID_INPUT', '请求体过大'))
  }
  const event = {
    path: url.pathname,
    httpMethod: req.method,
    headers: req.headers,
    queryStringParameters: Object.fromEntries(url.searchParams),
    body,
    isBase64Encoded: false
  }
  const out = (await deps.registry.invoke(name, event, undefined)) as { statusCode?: number; headers?: Record<string, string>; body?: unknown }
  if (out && typeof out.statusCode === 'number') {
    res.writeHead(out.statusCode, { 'content-type': 'application/json; charset=utf-8', ...(out.headers ?? {}) })
    res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body ?? null))
    return
  }
  sendJson(res, 200, out)
}

function serveStatic(deps: ServerDeps, req: http.IncomingMessage, pathname: string, res: http.ServerResponse): void {
  if (!deps.staticDir) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('H5 build missing: run `npm run build:h5` (npm start does it for you).')
    return
  }
  if (!serveApp(req, res, deps.staticDir, pathname)) sendJson(res, 404, failure('NOT_FOUND'))
}

export function createServer(deps: ServerDeps): http.Server {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const fn = /^\/(fn|http)\/([^/]+)$/.exec(url.pathname)
    const route = async () => {
      if (fn && req.method === 'POST') {
        return fn[1] === 'fn' ? handleFunction(deps, fn[2], req, res) : handleHttpTrigger(deps, fn[2], req, res, url)
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, failure('INVALID_INPUT', '不支持的请求方法'))
      if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true, functions: deps.registry.names() })
      if (url.pathname === '/dev/personas') return sendJson(res, 200, { personas: deps.personas() })
      if (url.pathname === '/dev/stats') return sendJson(res, 200, { functions: Object.fromEntries(deps.registry.stats) })
      if (url.pathname === '/dev/outbox') return sendJson(res, 200, { messages: deps.platform.outbox })
      if (url.pathname.startsWith('/files/')) {
        if (!serveFile(req, res, deps.platform.filePath(url.pathname.slice('/files/'.length)))) sendJson(res, 404, failure('NOT_FOUND'))
        return
      }
      return serveStatic(deps, req, url.pathname, res)
    }
    route().catch((err: unknown) => {
      console.error(`[local cloud] ${req.method} ${url.pathname}: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL'))
      else res.end()
    })
  })
  // Node closes a keep-alive connection after 5 s without a request. A client that picks that socket for
  // its next request at the same moment gets ECONNRESET (seen in the check-in bench on a loaded host,
  // where a slow turn stretched a client's pause past 5 s). Phones and the bench keep their connections
  // much longer than that, so idle connections are kept for a minute, like the cloud's gateways do.
  server.keepAliveTimeout = 60_000
  server.headersTimeout = 61_000
  return server
}
