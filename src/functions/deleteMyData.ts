import { defineFunction } from './_lib/define'

// Stub: the privacy journey replaces this.
export const main = defineFunction('deleteMyData', async () => ({ deleted: false }))
