import type { CombinedError } from "urql";

/** The stable `extensions.code` values of the API, plus NETWORK when no answer came at all. */
const API_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "INTERNAL",
  "NETWORK",
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One error as the API described it in `extensions`. */
export interface ApiError {
  code: ApiErrorCode;
  /** For INVALID_INPUT: the input field at fault, as spelt in the GraphQL input. */
  field?: string;
  /** A finer stable reason: WRONG_CREDENTIALS, WEAK_PASSWORD, ... */
  reason?: string;
  /** For RATE_LIMITED. */
  retryAfterSeconds?: number;
}

function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === "string" && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** Reads urql's combined error into the API's error shape; unknown codes count as INTERNAL. */
export function toApiErrors(error: CombinedError): ApiError[] {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: "NETWORK" }];
  }
  return error.graphQLErrors.map((gqlError) => {
    const ext = gqlError.extensions;
    const apiError: ApiError = { code: isApiErrorCode(ext.code) ? ext.code : "INTERNAL" };
    if (typeof ext.field === "string") apiError.field = ext.field;
    if (typeof ext.reason === "string") apiError.reason = ext.reason;
    if (typeof ext.retryAfterSeconds === "number") {
      apiError.retryAfterSeconds = ext.retryAfterSeconds;
    }
    return apiError;
  });
}
