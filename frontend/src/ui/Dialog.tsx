import { useEffect, useId, useRef, type ReactNode } from "react";

interface DialogProps {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  /** "alertdialog" for confirmations and warnings that need an answer. */
  role?: "dialog" | "alertdialog";
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape and
 * gives focus back to the element that opened it.
 */
export function Dialog({ title, onCancel, children, role = "dialog" }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      role={role}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
