/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

/** Injected by config/index.ts (defineConstants). */
declare const FANLOOP_CLOUD_ENV: string
declare const FANLOOP_LOCAL_CLOUD_URL: string
declare const FANLOOP_WINBACK_TEMPLATE_ID: string
declare const FANLOOP_GROUP_EXPIRY_TEMPLATE: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | undefined
  }
}
