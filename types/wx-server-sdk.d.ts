/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK is typed loosely on purpose: functions narrow what they read */
/**
 * The subset of wx-server-sdk (WeChat Cloud Development server SDK) that fanloop's functions use.
 * The package ships no types; these follow its documentation and what 3.0.4 answers (the local cloud runs it).
 */
declare module 'wx-server-sdk' {
  type AnyObject = Record<string, any>

  interface Query {
    where(query: AnyObject): Query
    orderBy(field: string, order: 'asc' | 'desc'): Query
    skip(n: number): Query
    limit(n: number): Query
    field(projection: AnyObject): Query
    get(): Promise<{ data: AnyObject[]; errMsg?: string }>
    count(): Promise<{ total: number }>
    update(options: { data: AnyObject }): Promise<{ stats: { updated: number } }>
    remove(): Promise<{ stats: { removed: number } }>
  }

  interface DocumentReference {
    get(): Promise<{ data: AnyObject }>
    set(options: { data: AnyObject }): Promise<{ _id: string; stats: { updated: number; created: number } }>
    update(options: { data: AnyObject }): Promise<{ stats: { updated: number } }>
    remove(): Promise<{ stats: { removed: number } }>
    field(projection: AnyObject): DocumentReference
  }

  interface CollectionReference extends Query {
    doc(id: string): DocumentReference
    add(options: { data: AnyObject }): Promise<{ _id: string }>
    aggregate(): any
  }

  interface TransactionCollection {
    doc(id: string): DocumentReference
    add(options: { data: AnyObject }): Promise<{ _id: string }>
  }

  interface Transaction {
    collection(name: string): TransactionCollection
    rollback(reason?: unknown): Promise<void>
    commit(): Promise<void>
  }

  interface Database {
    collection(name: string): CollectionReference
    command: any
    Geo: { Point(longitude: number, latitude: number): any }
    serverDate(options?: { offset?: number }): any
    runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
    startTransaction(): Promise<Transaction>
  }

  interface WXContext {
    OPENID?: string
    APPID?: string
    UNIONID?: string
    ENV?: string
    SOURCE?: string
  }

  interface Cloud {
    DYNAMIC_CURRENT_ENV: symbol | string
    init(options?: { env?: unknown; traceUser?: boolean }): void
    database(options?: AnyObject): Database
    getWXContext(): WXContext
    uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
    getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number }> }>
    deleteFile(options: { fileList: string[] }): Promise<unknown>
    getOpenData(options: { list: string[] }): Promise<{ list: Array<{ cloudID: string; data?: AnyObject; errCode?: number; errMsg?: string }> }>
    openapi: {
      wxacode: {
        getUnlimited(options: {
          scene: string
          page?: string
          checkPath?: boolean
          envVersion?: string
          width?: number
        }): Promise<{ contentType: string; buffer: Buffer }>
      }
      subscribeMessage: {
        send(options: { touser: string; templateId: string; page?: string; data: AnyObject; miniprogramState?: string }): Promise<{ errCode: number }>
      }
      security: {
        getUserRiskRank(options: { appid: string; openid: string; scene: number; clientIp?: string }): Promise<{ riskRank: number }>
      }
    }
  }

  const cloud: Cloud
  export = cloud
}
