import { expectOk, type TestCloud } from '../support/local-cloud'

/** Shared steps of the customer-book tests (issue 21). */
export const cloudId = (data: unknown) => `local-cloudid:${Buffer.from(JSON.stringify(data)).toString('base64url')}`

/** A shopper checks in on a staff member's code and becomes that staff member's fan; answers the member code. */
export async function fanOf(t: TestCloud, openid: string, staffId = 'sf01'): Promise<string> {
  expectOk(await t.call('checkin', { scene: t.scene('staff', staffId) }, openid))
  return expectOk(await t.call('session', {}, openid)).fan!.memberCode
}

export const sharePhone = (t: TestCloud, openid: string, phone: string) =>
  t.call('fanProfile', { phoneTail: { cloudID: cloudId({ purePhoneNumber: phone }) } }, openid).then(expectOk)

/** Rewrites stored documents directly: for states that take weeks to reach (a lapse, an old fan). */
export async function patch(t: TestCloud, collection: string, id: string, data: Record<string, unknown>) {
  await t.cloud.db.api().collection(collection).doc(id).update({ data })
}

export async function setPurchases(t: TestCloud, fanId: string, purchases: number, lastPurchaseAt: number | null) {
  const doc = { purchases, totalFen: purchases * 3000, firstPurchaseAt: lastPurchaseAt, lastPurchaseAt, firstStoreId: 'st01' }
  await t.cloud.db.api().collection('fanPurchases').doc(fanId).set({ data: doc })
}
