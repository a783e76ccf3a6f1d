import { defineFunction } from './_lib/define'

// Stub: the privacy journey replaces this.
export const main = defineFunction('myData', async () => ({ exportedAt: Date.now() }))
