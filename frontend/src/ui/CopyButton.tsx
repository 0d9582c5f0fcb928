import { useState } from "react";
import { useI18n } from "../i18n/useI18n";

/** Copies a text to the clipboard and says whether it worked. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <span className="copy-button">
      <button type="button" className="button button--secondary" onClick={copy} aria-label={label}>
        {state === "copied" ? t("copy.copied") : t("copy.copy")}
      </button>
      <span role="status" className={state === "failed" ? "field__error" : "visually-hidden"}>
        {state === "copied" ? t("copy.copied") : state === "failed" ? t("copy.failed") : ""}
      </span>
    </span>
  );
}
