/** H5 runs only on the local cloud, which has no WeChat consent dialog: a tap is the consent. */
export async function askReminderConsent(): Promise<boolean> {
  return true
}
