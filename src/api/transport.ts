/** A transport delivers one cloud function call and returns the function's raw answer. */
export type Transport = (name: string, data: unknown) => Promise<unknown>
