/**
 * Deployment settings read at build time. The appid lives in project.config.json (DevTools reads it there);
 * the cloud env id and the local cloud's address come from the environment, with defaults that work offline.
 */
export interface CloudSettings {
  cloudEnv: string
  localCloudUrl: string
}

export function cloudSettings(env: NodeJS.ProcessEnv = process.env): CloudSettings {
  return {
    // Placeholder until an operator sets FANLOOP_CLOUD_ENV to the env id shown in the Cloud Development console.
    cloudEnv: env.FANLOOP_CLOUD_ENV ?? 'fanloop-placeholder-env',
    // Empty means "same origin": the local cloud serves both the H5 build and /fn/*.
    localCloudUrl: env.FANLOOP_LOCAL_CLOUD_URL ?? ''
  }
}
