import Taro from '@tarojs/taro'

/**
 * One consent per reminder: WeChat asks the shopper from this tap, and only an 'accept' lets the win-back
 * job send one message (the platform has no readable balance, so the function counts consents).
 */
export async function askReminderConsent(): Promise<boolean> {
  const res = (await Taro.requestSubscribeMessage({ tmplIds: [FANLOOP_WINBACK_TEMPLATE_ID], entityIds: [] } as never)) as unknown as Record<string, string>
  return res[FANLOOP_WINBACK_TEMPLATE_ID] === 'accept'
}
