/** The error above a form, focusable so that focus can be moved to it after a failed submit. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} data-form-alert="true">
      {message}
    </div>
  );
}
