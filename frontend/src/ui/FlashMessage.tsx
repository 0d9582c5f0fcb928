import { useLocation } from "react-router";

/** Location state carrying a success message to the page navigated to. */
export interface FlashState {
  flash: string;
}

function isFlashState(state: unknown): state is FlashState {
  return (
    typeof state === "object" && state !== null && typeof (state as FlashState).flash === "string"
  );
}

/** A success message, announced politely; renders nothing without a message. */
export function SuccessMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert--success" role="status">
      {message}
    </div>
  );
}

/** The success message carried by the navigation that opened the page, if any. */
export function FlashMessage() {
  const location = useLocation();
  return <SuccessMessage message={isFlashState(location.state) ? location.state.flash : null} />;
}
