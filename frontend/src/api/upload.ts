import type { ApiError, ApiErrorCode } from "./apiError";

/** A file stored by `POST /uploads`, ready for an import preview. */
export interface UploadedFile {
  id: string;
  filename: string;
  sizeBytes: number;
}

const CODES: ApiErrorCode[] = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "INTERNAL",
];

/** The first error of a GraphQL-shaped error body, as the upload endpoint sends it. */
async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      errors?: { extensions?: Record<string, unknown> }[];
    };
    const ext = body.errors?.[0]?.extensions ?? {};
    const code = CODES.find((c) => c === ext.code) ?? "INTERNAL";
    return {
      code,
      ...(typeof ext.field === "string" ? { field: ext.field } : {}),
      ...(typeof ext.reason === "string" ? { reason: ext.reason } : {}),
    };
  } catch {
    return { code: response.status === 413 ? "INVALID_INPUT" : "INTERNAL" };
  }
}

/**
 * Streams a file to `POST /uploads?filename=…` with the session cookie. Resolves to the stored
 * file, or rejects with the API's error.
 */
export async function uploadFile(
  file: File,
  fetchImpl: typeof fetch = fetch,
): Promise<UploadedFile> {
  let response: Response;
  try {
    response = await fetchImpl(`/uploads?filename=${encodeURIComponent(file.name)}`, {
      method: "POST",
      body: file,
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv" },
    });
  } catch {
    throw { code: "NETWORK" } satisfies ApiError;
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as UploadedFile;
}
