import { randomBytes } from 'node:crypto'
import { db, _ } from './_lib/cloud'
import { checkFields, checkStores, redeemedCount, templateView } from './_lib/coupons-templates'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { CouponTemplateDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

/**
 * Coupons copy their template's terms when issued, so an edit here only shapes coupons issued from now
 * on. Pausing is an edit too; a paused template neither issues nor lets its coupons be redeemed.
 */
export const main = defineFunction('saveCouponTemplate', async ({ templateId, template }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const fields = checkFields(template)
  const existing = templateId ? await getDoc<CouponTemplateDoc>('couponTemplates', templateId) : null
  if (templateId && !existing) throw new AppError('NOT_FOUND', '券模板不存在')
  await checkStores(caller.staff, fields.storeIds, existing)
  if (existing && fields.stock !== null && fields.stock < existing.issued) {
    throw new AppError('INVALID_INPUT', `库存不能少于已发放的 ${existing.issued} 张`)
  }
  if (existing) {
    // Never a whole-document set: `issued` moves under concurrent issuing. _.set keeps a changed
    // validity from merging with the old one's fields.
    await db
      .collection('couponTemplates')
      .doc(existing._id)
      .update({ data: { ...fields, validity: _.set(fields.validity) } })
    const saved = { ...existing, ...fields }
    return { template: templateView(saved, await redeemedCount(saved._id)) }
  }
  const created: CouponTemplateDoc = { _id: `tpl_${randomBytes(6).toString('hex')}`, ...fields, issued: 0 }
  await db.collection('couponTemplates').add({ data: created })
  return { template: templateView(created, 0) }
})
