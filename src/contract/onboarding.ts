import { z } from 'zod'
import { Id, Millis } from './common'
import { input, type FunctionSpecs } from './spec'

/** An invite's one-time token: random, scene-safe, and short enough for a wxacode scene (`I.<token>`). */
export const InviteId = z.string().regex(/^[A-Za-z0-9]{20}$/, '邀请码格式不正确')
/** What an invite makes its opener: staff of a store, manager of a store, or manager of the whole brand. */
export const InviteKind = z.enum(['staff', 'store_manager', 'brand_manager'])
export type InviteKind = z.infer<typeof InviteKind>
/** A person's name as the team sees it (on leaderboards, share cards, the staff code). */
const PersonName = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(20, '姓名最多 20 个字')
  .regex(/^[^<>{}$]+$/, '姓名不能包含特殊符号')

export const InviteView = z.object({
  inviteId: InviteId,
  kind: InviteKind,
  storeId: Id,
  storeName: z.string(),
  /** the name the inviter suggested; the invitee confirms or corrects it */
  name: z.string(),
  invitedBy: z.string(),
  createdAt: Millis,
  expiresAt: Millis,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired'])
})
export type InviteView = z.infer<typeof InviteView>

const Binding = z.object({ staffId: Id, name: z.string(), role: z.enum(['staff', 'manager']), storeId: Id, storeName: z.string() })

/** Journey 10: the first manager claims the brand with the operator's setup code; managers invite the rest. */
export const onboardingFunctions = {
  claimBrand: {
    access: 'anyone',
    summary: '用初始化码认领品牌，成为第一位品牌管理员（仅一次）',
    input: input({ code: z.string().min(1).max(64), name: PersonName }),
    output: Binding
  },
  createInvite: {
    access: 'manager',
    summary: '邀请店长或导购：一次性邀请码（小程序码与分享卡片），7 天内有效',
    input: input({
      kind: InviteKind,
      storeId: Id,
      name: z
        .string()
        .trim()
        .max(20)
        .regex(/^[^<>{}$]*$/)
        .optional()
    }),
    output: InviteView.extend({ scene: z.string(), path: z.string(), qrUrl: z.string() })
  },
  inviteInfo: {
    access: 'anyone',
    summary: '打开邀请时看到的内容：门店、身份、邀请人、是否仍有效',
    input: input({ inviteId: InviteId }),
    output: InviteView.extend({ mine: z.boolean() })
  },
  acceptInvite: {
    access: 'anyone',
    summary: '接受邀请：以确认的姓名加入门店团队（每个邀请只能使用一次）',
    input: input({ inviteId: InviteId, name: PersonName }),
    output: Binding
  },
  revokeInvite: {
    access: 'manager',
    summary: '撤销尚未使用的邀请',
    input: input({ inviteId: InviteId }),
    output: z.object({ inviteId: InviteId, status: z.literal('revoked') })
  },
  inviteList: {
    access: 'manager',
    summary: '待接受的邀请（自己负责的门店）',
    input: input({ storeId: Id.optional() }),
    output: z.object({ invites: z.array(InviteView) })
  }
} as const satisfies FunctionSpecs
