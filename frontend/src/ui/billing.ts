/**
 * The unit prices of Annex 1 of the contract that the web app shows before a billed action,
 * excluding VAT. They are the contract's list prices: the invoice is the authority (the API
 * does not expose a tenant's price grid yet), so the app always says "estimate".
 */
export const ANNEX_1_PRICES_EXCL_VAT = {
  /** RNVP: 10 € per 1 000 addresses. */
  rnvpPer1000Addresses: 10,
  /** Postal deduplication: 0.25 € per 1 000 addresses read. */
  dedupPer1000Addresses: 0.25,
} as const;

export type PostalRunKind = "RNVP" | "DEDUP";

/** The estimated cost excluding VAT of a postal run over `addresses` addresses (pro rata). */
export function postalRunCostExclVat(kind: PostalRunKind, addresses: number): number {
  const per1000 =
    kind === "RNVP"
      ? ANNEX_1_PRICES_EXCL_VAT.rnvpPer1000Addresses
      : ANNEX_1_PRICES_EXCL_VAT.dedupPer1000Addresses;
  // Cents, rounded half up: money is not left as a float's tail.
  return Math.round((addresses * per1000 * 100) / 1000) / 100;
}
