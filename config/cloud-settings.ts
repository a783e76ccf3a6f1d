/**
 * Deployment settings read at build time. The appid lives in project.config.json (DevTools reads it there);
 * the cloud env id and the local cloud's address come from the environment, with defaults that work offline.
 */
export interface CloudSettings {
  cloudEnv: string
  localCloudUrl: string
  /** subscribe-message template for win-back reminders (订阅消息 in the console); the shopper consents to it */
  winBackTemplateId: string
  /** subscribe-message template for the managers' group-code expiry warning */
  groupExpiryTemplateId: string
}

export function cloudSettings(env: NodeJS.ProcessEnv = process.env): CloudSettings {
  return {
    // Placeholder until an operator sets FANLOOP_CLOUD_ENV to the env id shown in the Cloud Development console.
    cloudEnv: env.FANLOOP_CLOUD_ENV ?? 'fanloop-placeholder-env',
    // Empty means "same origin": the local cloud serves both the H5 build and /fn/*.
    localCloudUrl: env.FANLOOP_LOCAL_CLOUD_URL ?? '',
    winBackTemplateId: env.FANLOOP_WINBACK_TEMPLATE_ID ?? 'winback-local',
    groupExpiryTemplateId: env.FANLOOP_GROUP_EXPIRY_TEMPLATE ?? 'group-expiry-local'
  }
}
