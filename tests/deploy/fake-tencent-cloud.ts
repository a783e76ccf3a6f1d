/**
 * A fake Tencent Cloud behind @cloudbase/manager-node, for the deploy tests.
 *
 * The seam: every API call the SDK makes (CloudService.request → requestWithSign for tcb / scf / flexdb,
 * and cloudBaseRequest for the admin API) ends in one function, `fetch` exported by
 * `@cloudbase/manager-node/lib/utils/http-request`, which the SDK's modules call through the module
 * object (`(0, http_request_1.fetch)(...)`), so replacing that export reaches all of them while the SDK
 * itself (parameter building, TC3 signing, response and error mapping, the polling for Active) runs
 * unchanged. Function code goes up as a base64 ZipFile (deployMode 'zip'), so no COS upload bypasses it.
 *
 * The state answers the actions deploy uses, the way the documented API does (errors as
 * `Response.Error { Code, Message }`); any other action is an error, so a new call cannot slip through.
 */
const httpRequest = require('@cloudbase/manager-node/lib/utils/http-request') as {
  fetch: (url: string, config: { headers: Record<string, string>; body?: string }) => Promise<unknown>
}

export interface Call {
  service: string
  action: string
  params: Record<string, unknown>
}
interface FnState {
  Runtime: string
  Timeout: number
  MemorySize: number
  Description: string
  Variables: Array<{ Key: string; Value: string }>
  Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
  codeSize: number
}
type IndexState = { Keys: Array<{ Name: string; Direction: string }>; Unique: boolean }

const READ = /^(Describe|Get|List|Check)/

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export class FakeTencentCloud {
  readonly calls: Call[] = []
  readonly tables = new Map<string, Map<string, IndexState>>()
  readonly permissions = new Map<string, { Permission: string; SecurityRule?: string }>()
  readonly functions = new Map<string, FnState>()
  readonly apis: Array<{ Path: string; Name: string; Type: number }> = []
  storageAcl = 'READONLY'
  /** actions answered with an error, as an env answers a retired API */
  readonly failing = new Set<string>()
  private original = httpRequest.fetch
  private seq = 0

  constructor(readonly envId: string) {}

  install(): this {
    httpRequest.fetch = async (url, config) => {
      const service = new URL(url).host.split('.')[0]
      const action = config.headers['X-TC-Action']
      const params = JSON.parse(config.body ?? '{}') as Record<string, unknown>
      if (!String(config.headers.Authorization ?? '').startsWith('TC3-HMAC-SHA256 Credential=')) throw new Error('unsigned request')
      this.calls.push({ service, action, params })
      const RequestId = `req-${++this.seq}`
      try {
        if (this.failing.has(action)) throw new ApiError('UnsupportedOperation', `${action} is not available`)
        return { Response: { ...this.handle(action, params), RequestId } }
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        return { Response: { Error: { Code: e.code, Message: e.message }, RequestId } }
      }
    }
    return this
  }

  uninstall(): void {
    httpRequest.fetch = this.original
  }

  writes(): Call[] {
    return this.calls.filter((c) => !READ.test(c.action))
  }

  private table(name: unknown) {
    const t = this.tables.get(String(name))
    if (!t) throw new ApiError('ResourceNotFound', `collection ${String(name)} does not exist`)
    return t
  }

  private fn(name: unknown) {
    const f = this.functions.get(String(name))
    if (!f) throw new ApiError('ResourceNotFound.Function', `function ${String(name)} does not exist`)
    return f
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON parameters, checked by the SDK that built them
  private handle(action: string, p: Record<string, any>): Record<string, unknown> {
    switch (action) {
      case 'DescribeEnvInfo': {
        if (p.EnvId !== this.envId) throw new ApiError('ResourceNotFound', `env ${p.EnvId} not found`)
        return {
          EnvInfo: {
            EnvBaseInfo: {
              EnvId: this.envId,
              Databases: [{ InstanceId: 'tnt-db' }],
              Storages: [{ Bucket: `${this.envId}-1250000000`, Region: 'ap-shanghai', AppId: '1250000000' }],
              Functions: [{ Namespace: this.envId }],
              LogServices: []
            }
          }
        }
      }
      case 'ListTables': {
        const names = [...this.tables.keys()].slice(p.MgoOffset ?? 0, (p.MgoOffset ?? 0) + (p.MgoLimit ?? 100))
        return { Tables: names.length ? names.map((TableName) => ({ TableName, Count: 0 })) : null, Pager: { Total: this.tables.size } }
      }
      case 'DescribeTable': {
        const t = this.table(p.TableName)
        return { Indexes: [...t].map(([Name, i]) => ({ Name, Keys: i.Keys, Unique: i.Unique, Size: 0 })), IndexNum: t.size }
      }
      case 'CreateTable':
        if (this.tables.has(p.TableName)) throw new ApiError('ResourceInUse', 'collection exists')
        this.tables.set(p.TableName, new Map([['_id_', { Keys: [{ Name: '_id', Direction: '1' }], Unique: true }]]))
        this.permissions.set(p.TableName, { Permission: 'PRIVATE' })
        return {}
      case 'UpdateTable': {
        const t = this.table(p.TableName)
        for (const d of p.DropIndexes ?? []) if (!t.delete(d.IndexName)) throw new ApiError('ResourceNotFound', `no index ${d.IndexName}`)
        for (const c of p.CreateIndexes ?? []) {
          if (t.has(c.IndexName)) throw new ApiError('ResourceInUse', `index ${c.IndexName} exists`)
          t.set(c.IndexName, { Keys: c.MgoKeySchema.MgoIndexKeys, Unique: c.MgoKeySchema.MgoIsUnique })
        }
        return {}
      }
      case 'DescribeResourcePermission': {
        const list = (p.Resources as string[])
          .filter((r) => this.permissions.has(r))
          .map((r) => ({ ResourceType: 'collection', Resource: r, ...this.permissions.get(r) }))
        return { Data: { TotalCount: list.length, PermissionList: list } }
      }
      case 'ModifyResourcePermission':
        this.table(p.Resource)
        this.permissions.set(p.Resource, { Permission: p.Permission, ...(p.SecurityRule ? { SecurityRule: p.SecurityRule } : {}) })
        return { Data: { Success: true } }
      case 'GetFunction': {
        const f = this.fn(p.FunctionName)
        return {
          FunctionName: p.FunctionName,
          Status: 'Active',
          Runtime: f.Runtime,
          Timeout: f.Timeout,
          MemorySize: f.MemorySize,
          Description: f.Description,
          Environment: { Variables: f.Variables },
          Triggers: f.Triggers
        }
      }
      case 'CreateFunction': {
        if (this.functions.has(p.FunctionName)) throw new ApiError('ResourceInUse.Function', 'function exists')
        if (!p.Code?.ZipFile) throw new ApiError('InvalidParameterValue.Code', 'no code')
        this.functions.set(p.FunctionName, {
          Runtime: p.Runtime,
          Timeout: p.Timeout ?? 3,
          MemorySize: p.MemorySize ?? 128,
          Description: p.Description ?? '',
          Variables: p.Environment?.Variables ?? [],
          Triggers: [],
          codeSize: String(p.Code.ZipFile).length
        })
        return {}
      }
      case 'UpdateFunctionCode':
        this.fn(p.FunctionName).codeSize = String(p.Code.ZipFile).length
        return {}
      case 'UpdateFunctionConfiguration': {
        const f = this.fn(p.FunctionName)
        if (p.Timeout !== undefined) f.Timeout = p.Timeout
        if (p.MemorySize !== undefined) f.MemorySize = p.MemorySize
        if (p.Description !== undefined) f.Description = p.Description
        if (p.Environment) f.Variables = p.Environment.Variables
        return {}
      }
      case 'BatchCreateTrigger': {
        const f = this.fn(p.FunctionName)
        for (const t of JSON.parse(p.Triggers) as Array<{ TriggerName: string; Type: string; TriggerDesc: string }>) {
          if (f.Triggers.some((x) => x.TriggerName === t.TriggerName)) throw new ApiError('ResourceInUse.Trigger', 'trigger exists')
          // SCF keeps a timer's cron wrapped as JSON, which is how GetFunction answers it
          f.Triggers.push({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) })
        }
        return {}
      }
      case 'DeleteTrigger': {
        const f = this.fn(p.FunctionName)
        f.Triggers = f.Triggers.filter((t) => t.TriggerName !== p.TriggerName)
        return {}
      }
      case 'DescribeCloudBaseGWAPI':
        return { APISet: this.apis.map((a) => ({ ...a, ServiceId: this.envId })), Total: this.apis.length, EnableService: true }
      case 'CreateCloudBaseGWAPI':
        if (this.apis.some((a) => a.Path === p.Path)) throw new ApiError('InvalidParameter.APICreated', 'path exists')
        this.apis.push({ Path: p.Path, Name: p.Name, Type: p.Type })
        return { APIId: `api-${this.apis.length}` }
      case 'DescribeCloudBaseGWService':
        return { DefaultDomain: `${this.envId}.service.tcloudbase.com`, EnableService: true, ServiceSet: [] }
      case 'DescribeStorageSafeRule':
        return { AclTag: this.storageAcl }
      case 'ModifyStorageSafeRule':
        this.storageAcl = p.AclTag
        return {}
      default:
        throw new ApiError('FakeCloud.UnknownAction', `the fake does not know ${action}`)
    }
  }
}
