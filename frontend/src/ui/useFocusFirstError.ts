import { useEffect, type RefObject } from "react";
import type { FormErrors } from "./formErrors";

/**
 * After a failed submit, moves focus to the first invalid field, or to the form's alert, so
 * keyboard and screen-reader users land on the problem.
 */
export function useFocusFirstError<Field extends string>(
  formRef: RefObject<HTMLFormElement | null>,
  errors: FormErrors<Field>,
): void {
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[data-form-alert="true"]');
    target?.focus();
  }, [formRef, errors]);
}
