import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/I18nProvider";
import { IdleLogout } from "./IdleLogout";
import { SessionContext, type Session, type Viewer } from "./SessionProvider";

const viewer: Viewer = {
  kind: "TENANT_ADMIN",
  email: "admin@demo.crm360.demo",
  firstName: "Adèle",
  lastName: "Administratrice",
  rights: [],
  isTenantAdmin: true,
  isOperator: false,
  mustChangePassword: false,
  idleTimeoutSeconds: 8,
  tenant: null,
};

function renderIdleLogout() {
  const session: Session = {
    viewer,
    ended: null,
    signedIn: vi.fn(),
    updateViewer: vi.fn(),
    signOut: vi.fn(async () => {}),
    refresh: vi.fn(async () => viewer),
  };
  render(
    <I18nProvider>
      <SessionContext.Provider value={session}>
        <IdleLogout idleTimeoutSeconds={8} />
      </SessionContext.Provider>
    </I18nProvider>,
  );
  return session;
}

const WARNING = { name: "Êtes-vous toujours là ?" };

async function wait(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe("IdleLogout", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("warns half-way through a short timeout, then logs out", async () => {
    const session = renderIdleLogout();
    await wait(3500);
    expect(screen.queryByRole("alertdialog", WARNING)).not.toBeInTheDocument();
    await wait(1000);
    expect(screen.getByRole("alertdialog", WARNING)).toHaveTextContent("dans 4 secondes");
    expect(session.signOut).not.toHaveBeenCalled();
    await wait(4000);
    expect(session.signOut).toHaveBeenCalledWith({ reason: "idle", idleTimeoutSeconds: 8 });
  });

  it("counts the user's activity, and pings the server to keep the session", async () => {
    const session = renderIdleLogout();
    await wait(3000);
    fireEvent.keyDown(window, { key: "a" });
    expect(session.refresh).toHaveBeenCalledTimes(1);
    await wait(3500);
    expect(screen.queryByRole("alertdialog", WARNING)).not.toBeInTheDocument();
  });

  it("counts activity in another tab", async () => {
    const session = renderIdleLogout();
    await wait(4500);
    expect(screen.getByRole("alertdialog", WARNING)).toBeInTheDocument();
    window.localStorage.setItem("crm360.lastActivity", String(Date.now()));
    await wait(500);
    expect(screen.queryByRole("alertdialog", WARNING)).not.toBeInTheDocument();
    await wait(3000);
    expect(session.signOut).not.toHaveBeenCalled();
  });

  it("stays connected on request", async () => {
    const session = renderIdleLogout();
    await wait(4500);
    fireEvent.click(screen.getByRole("button", { name: "Rester connecté" }));
    await wait(0);
    expect(session.refresh).toHaveBeenCalled();
    expect(screen.queryByRole("alertdialog", WARNING)).not.toBeInTheDocument();
    await wait(3500);
    expect(session.signOut).not.toHaveBeenCalled();
  });
});
