import { useCallback, useId, useMemo, useRef, useState } from "react";
import type { ApiError } from "../api/apiError";
import { useI18n } from "../i18n/useI18n";
import { ProgressBar } from "../ui/ProgressBar";
import { uploadAttachment, type AttachmentUpload } from "./attachments";
import { describeSupportError } from "./supportErrors";
import { fileSize, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "./supportText";

/** One file chosen for a message, and where its upload stands. */
export interface AttachmentItem {
  key: number;
  name: string;
  sizeBytes: number;
  state: "queued" | "uploading" | "done" | "failed";
  /** The share sent, 0 to 1. */
  progress: number;
  /** The stored file's id, once sent. */
  id: string | null;
  error: ApiError | null;
}

export interface Attachments {
  items: AttachmentItem[];
  add: (files: Iterable<File>) => void;
  remove: (key: number) => void;
  reset: () => void;
  /** The ids of the files sent, for the message. */
  ids: string[];
  /** Some files are still being sent. */
  busy: boolean;
  /** Some files were refused (their message is shown beside them). */
  failed: boolean;
}

const tooMany: ApiError = {
  code: "INVALID_INPUT",
  field: "attachmentIds",
  reason: "TOO_MANY_ATTACHMENTS",
};
const tooLarge: ApiError = { code: "INVALID_INPUT", field: "file", reason: "FILE_TOO_LARGE" };
const empty: ApiError = { code: "INVALID_INPUT", field: "file", reason: "REQUIRED" };

/**
 * The files of a message: each one is checked (size, count) and sent on its own, one after
 * the other, to `POST /support/attachments`, with its progress and its refusal kept per file.
 */
export function useAttachments(upload: AttachmentUpload = uploadAttachment): Attachments {
  const [items, setItems] = useState<AttachmentItem[]>([]);
  const nextKey = useRef(1);
  const queue = useRef<Promise<void>>(Promise.resolve());
  // What the count check sees at once, before React has applied the last additions.
  const live = useRef<AttachmentItem[]>([]);

  const update = useCallback((key: number, change: Partial<AttachmentItem>) => {
    setItems((current) => {
      const next = current.map((item) => (item.key === key ? { ...item, ...change } : item));
      live.current = next;
      return next;
    });
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      const added: { item: AttachmentItem; file: File }[] = [];
      let kept = live.current.filter((item) => item.state !== "failed").length;
      for (const file of files) {
        const refusal =
          kept >= MAX_ATTACHMENTS
            ? tooMany
            : file.size > MAX_ATTACHMENT_BYTES
              ? tooLarge
              : file.size === 0
                ? empty
                : null;
        if (!refusal) kept += 1;
        added.push({
          file,
          item: {
            key: nextKey.current++,
            name: file.name,
            sizeBytes: file.size,
            state: refusal ? "failed" : "queued",
            progress: 0,
            id: null,
            error: refusal,
          },
        });
      }
      live.current = [...live.current, ...added.map((a) => a.item)];
      setItems((current) => {
        const next = [...current, ...added.map((a) => a.item)];
        live.current = next;
        return next;
      });
      for (const { item, file } of added) {
        if (item.state !== "queued") continue;
        queue.current = queue.current.then(async () => {
          // Removed while it waited: nothing to send.
          if (!live.current.some((i) => i.key === item.key)) return;
          update(item.key, { state: "uploading" });
          try {
            const stored = await upload(file, (share) => update(item.key, { progress: share }));
            update(item.key, { state: "done", progress: 1, id: stored.id });
          } catch (caught) {
            const error =
              typeof caught === "object" && caught !== null && "code" in caught
                ? (caught as ApiError)
                : ({ code: "INTERNAL" } satisfies ApiError);
            update(item.key, { state: "failed", error });
          }
        });
      }
    },
    [upload, update],
  );

  const remove = useCallback((key: number) => {
    setItems((current) => {
      const next = current.filter((item) => item.key !== key);
      live.current = next;
      return next;
    });
  }, []);

  const reset = useCallback(() => {
    live.current = [];
    setItems([]);
  }, []);

  return useMemo(
    () => ({
      items,
      add,
      remove,
      reset,
      ids: items.filter((i) => i.state === "done" && i.id).map((i) => i.id as string),
      busy: items.some((i) => i.state === "queued" || i.state === "uploading"),
      failed: items.some((i) => i.state === "failed"),
    }),
    [items, add, remove, reset],
  );
}

/** The file input of a message and the list of its files, each with its progress or error. */
export function AttachmentField({
  attachments,
  error,
}: {
  attachments: Attachments;
  /** The form's check: files still being sent, or refused ones left in the list. */
  error?: string | undefined;
}) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field attachment-field">
      <label htmlFor={id}>
        {t("support.attachments.label")}
        <span className="field__optional"> {t("form.optional")}</span>
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {t("support.attachments.hint")}
      </p>
      <input
        id={id}
        type="file"
        multiple
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const files = event.target.files ? Array.from(event.target.files) : [];
          attachments.add(files);
          // The same file may be chosen again after a refusal.
          event.target.value = "";
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      {attachments.items.length > 0 && (
        <ul className="attachment-list" aria-label={t("support.attachments.listLabel")}>
          {attachments.items.map((item) => (
            <li
              key={item.key}
              className={`attachment-list__item attachment-list__item--${item.state}`}
            >
              <div className="attachment-list__line">
                <span className="attachment-list__name">{item.name}</span>{" "}
                <span className="muted">({fileSize(item.sizeBytes, formatNumber)})</span>
                {item.state === "done" && (
                  <span className="attachment-list__done">{t("support.attachments.sent")}</span>
                )}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={t("support.attachments.removeLabel", { name: item.name })}
                  onClick={() => attachments.remove(item.key)}
                >
                  {t("support.attachments.remove")}
                </button>
              </div>
              {(item.state === "queued" || item.state === "uploading") && (
                <ProgressBar
                  label={t("support.attachments.progress", { name: item.name })}
                  percent={item.progress * 100}
                  indeterminate={item.state === "queued"}
                />
              )}
              {item.state === "failed" && item.error && (
                <p className="field__error" role="alert">
                  {t("support.attachments.refused", {
                    name: item.name,
                    reason: describeSupportError(item.error, t),
                  })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The form's check of its files: none still on its way, none refused left in the list. */
export function attachmentsError(
  attachments: Attachments,
  t: (key: "support.attachments.stillSending" | "support.attachments.removeRefused") => string,
): string | undefined {
  if (attachments.busy) return t("support.attachments.stillSending");
  if (attachments.failed) return t("support.attachments.removeRefused");
  return undefined;
}
