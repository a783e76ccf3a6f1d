/**
 * H5 is the demo and test build: every persona there shares one browser, so a fingerprint would flag
 * the demo itself. The device rule applies on weapp only.
 */
export function deviceFingerprint(): string | undefined {
  return undefined
}
