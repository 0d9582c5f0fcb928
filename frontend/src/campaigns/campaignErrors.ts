/**
 * The campaign API's errors in French, next to their field. Template errors name the line in
 * the API's message ("Line 3 of the HTML body: unknown field “prenom”."): the line and the
 * field are read back from it, since `extensions` carry only the code and the reason.
 */
import type { CombinedError } from "urql";
import { toApiErrors, type ApiError } from "../api/apiError";
import { describeApiError } from "../i18n/describeApiError";
import type { FormErrors } from "../ui/formErrors";
import type { Translate } from "./campaignText";

/** One error as the API sent it: its message (English, for developers) and extensions. */
export interface RawApiError {
  message: string;
  extensions: Record<string, unknown>;
}

/** The line a template error names, if any. */
export function lineOf(message: string): number | null {
  const match = /\bLine (\d+)\b/i.exec(message);
  return match ? Number(match[1]) : null;
}

/** The merge field a template error names (between “ ”), if any. */
function quotedName(message: string): string | null {
  const match = /“([^”]+)”/.exec(message);
  return match ? (match[1] ?? null) : null;
}

/** A clear sentence for one campaign error, in the language. */
export function describeCampaignError(raw: RawApiError, t: Translate): string {
  const ext = raw.extensions;
  const reason = typeof ext.reason === "string" ? ext.reason : undefined;
  const line = lineOf(raw.message);
  const at = (text: string) =>
    line !== null
      ? t("campaigns.error.atLine", { line, text })
      : text.charAt(0).toUpperCase() + text.slice(1);
  switch (reason) {
    case "UNKNOWN_MERGE_FIELD": {
      const name = quotedName(raw.message);
      return at(
        name
          ? t("campaigns.error.unknownMergeFieldNamed", { name })
          : t("error.reason.UNKNOWN_MERGE_FIELD"),
      );
    }
    case "TEMPLATE_SYNTAX":
      return at(t("error.reason.TEMPLATE_SYNTAX"));
    case "TEMPLATE_TOO_EXPENSIVE":
      return at(t("error.reason.TEMPLATE_TOO_EXPENSIVE"));
    default: {
      const apiError: ApiError = {
        code: (toApiErrors({
          graphQLErrors: [{ extensions: ext }],
          networkError: undefined,
        } as unknown as CombinedError)[0]?.code ?? "INTERNAL") as ApiError["code"],
      };
      if (typeof ext.field === "string") apiError.field = ext.field;
      if (reason) apiError.reason = reason;
      return describeApiError(apiError, t);
    }
  }
}

function rawErrors(error: CombinedError): RawApiError[] {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ message: "", extensions: { code: "NETWORK" } }];
  }
  return error.graphQLErrors.map((e) => ({
    message: e.message,
    extensions: (e.extensions ?? {}) as Record<string, unknown>,
  }));
}

/** The first error of a failed call, in words. */
export function campaignErrorMessage(error: CombinedError, t: Translate): string {
  const [first] = rawErrors(error);
  return first ? describeCampaignError(first, t) : t("error.code.INTERNAL");
}

/** Like `apiFormErrors`, with the template's line: each error next to its field. */
export function campaignFormErrors<Field extends string>(
  error: CombinedError,
  fields: readonly Field[],
  t: Translate,
): FormErrors<Field> {
  const result: FormErrors<Field> = { fields: {}, form: null };
  for (const raw of rawErrors(error)) {
    const message = describeCampaignError(raw, t);
    const field = fields.find((f) => f === raw.extensions.field);
    if (field && !result.fields[field]) result.fields[field] = message;
    else if (!result.form) result.form = message;
  }
  return result;
}
