/** H5 runs on the local cloud only, where messages land in the outbox without consent: nothing to ask. */
export default function ExpiryConsent() {
  return null
}
