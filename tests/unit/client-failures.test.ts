import { callFunction, useTransport } from '../../src/api/client'

// The real transports need Taro's runtime; these tests give the client a transport of their own.
jest.mock('../../src/api/transport.weapp', () => ({ weappTransport: async () => null }))
jest.mock('../../src/api/transport.h5', () => ({ h5Transport: async () => null }))

describe('client: platform failures become one shape on both builds', () => {
  it('a call the platform killed at its timeout (weapp: -504003) answers TIMEOUT, as the local cloud does on H5', async () => {
    useTransport(async () => {
      throw Object.assign(new Error('cloud.callFunction:fail -504003 Invoking task timed out'), { errCode: -504003 })
    })
    expect(await callFunction('session', {})).toMatchObject({ ok: false, code: 'TIMEOUT' })
    useTransport(async () => ({ ok: false, code: 'TIMEOUT', message: '服务响应超时，请稍后再试' }))
    expect(await callFunction('session', {})).toMatchObject({ ok: false, code: 'TIMEOUT' })
  })

  it('any other rejection (network) stays BUSY', async () => {
    useTransport(async () => {
      throw new Error('request:fail')
    })
    expect(await callFunction('session', {})).toMatchObject({ ok: false, code: 'BUSY' })
  })
})
