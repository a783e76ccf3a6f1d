import { groupShare } from '../../src/domain/group-share'

describe('group share (members ÷ fans of the store)', () => {
  it('is null without fans, not 0 and not NaN', () => {
    expect(groupShare(0, 0)).toEqual({ members: 0, fans: 0, share: null })
  })

  it('rounds to 4 decimals', () => {
    expect(groupShare(1, 3).share).toBe(0.3333)
    expect(groupShare(2, 3).share).toBe(0.6667)
    expect(groupShare(3, 8).share).toBe(0.375)
    expect(groupShare(5, 5).share).toBe(1)
    expect(groupShare(0, 7).share).toBe(0)
  })

  it('never passes 100%: members counted after a fan arrived between the two reads are capped at the fans', () => {
    expect(groupShare(11, 10)).toEqual({ members: 10, fans: 10, share: 1 })
  })
})
