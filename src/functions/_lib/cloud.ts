import cloud from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV: the function uses whichever env it is deployed to, so one bundle serves every env.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export { cloud }
export const db = cloud.database()
export const _ = db.command
