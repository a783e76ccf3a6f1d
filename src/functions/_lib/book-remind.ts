import { cloud, db, _ } from './cloud'

/** The subscribe-message template the win-back reminder uses: the shopper consented to that one. */
const MESSAGE_TEMPLATE = process.env.FANLOOP_WINBACK_TEMPLATE_ID ?? 'winback-local'

/**
 * Spends one of the fan's reminder consents (a conditional update: never below zero, two taps cannot
 * spend one consent twice) and sends the message; false when no consent is left.
 */
export async function remindFan(fanId: string, line: string): Promise<boolean> {
  const spent = await db
    .collection('subscriptions')
    .where({ _id: `${fanId}.winBack`, balance: _.gt(0) })
    .update({ data: { balance: _.inc(-1), updatedAt: Date.now() } })
  if (spent.stats.updated === 0) return false
  await cloud.openapi.subscribeMessage.send({
    touser: fanId,
    templateId: MESSAGE_TEMPLATE,
    page: 'pages/wallet/index',
    data: { thing1: { value: '您的专属导购给您留言' }, thing2: { value: line.slice(0, 20) } }
  })
  return true
}
