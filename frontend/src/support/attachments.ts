import type { ApiError, ApiErrorCode } from "../api/apiError";
import { CSRF_HEADER } from "../api/client";

/** A file stored by `POST /support/attachments`, waiting for the message that carries it. */
export interface UploadedAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** Sends one file; `onProgress` gets the share sent so far (0 to 1). */
export type AttachmentUpload = (
  file: File,
  onProgress: (share: number) => void,
) => Promise<UploadedAttachment>;

const CODES: ApiErrorCode[] = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "INTERNAL",
];

/**
 * The API's error from a refused upload (a GraphQL-shaped body: `errors[0].extensions`). A
 * body that is not JSON with 413 is the server's own size limit: FILE_TOO_LARGE.
 */
export function attachmentErrorOf(status: number, body: string): ApiError {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
    const ext = parsed.errors?.[0]?.extensions ?? {};
    const code = CODES.find((c) => c === ext.code) ?? "INTERNAL";
    return {
      code,
      ...(typeof ext.field === "string" ? { field: ext.field } : {}),
      ...(typeof ext.reason === "string" ? { reason: ext.reason } : {}),
    };
  } catch {
    if (status === 413) return { code: "INVALID_INPUT", field: "file", reason: "FILE_TOO_LARGE" };
    if (status === 401) return { code: "UNAUTHENTICATED" };
    return { code: "INTERNAL" };
  }
}

/**
 * Streams a file to `POST /support/attachments?filename=…` with the session cookie and the
 * app's CSRF header, reporting the progress of the upload (XMLHttpRequest: fetch cannot).
 * Resolves to the stored file, or rejects with the API's error (NETWORK when no answer came).
 */
export const uploadAttachment: AttachmentUpload = (file, onProgress) =>
  new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/support/attachments?filename=${encodeURIComponent(file.name)}`);
    request.withCredentials = true;
    request.setRequestHeader(CSRF_HEADER, "1");
    // The server finds the type in the content, never in what a client claims.
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 200 || request.status === 201) {
        try {
          onProgress(1);
          resolve(JSON.parse(request.responseText) as UploadedAttachment);
        } catch {
          reject({ code: "INTERNAL" } satisfies ApiError);
        }
      } else {
        reject(attachmentErrorOf(request.status, request.responseText));
      }
    };
    request.onerror = () => reject({ code: "NETWORK" } satisfies ApiError);
    request.send(file);
  });
