import { defineFunction } from './_lib/define'
import { exportFor } from './_lib/privacy-export'

/** Everything we keep about the caller (their own openid's records only), as plain JSON. */
export const main = defineFunction('myData', async (_input, caller) => exportFor(caller, Date.now()))
