import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithApi, type FakeServer } from "../test/renderWithApi";
import { AnnouncementBanner } from "./AnnouncementBanner";

const announcements = [
  {
    __typename: "Announcement",
    id: "a-maint",
    severity: "MAINTENANCE",
    textFr: "Migration de la base ce soir de 22 h à 23 h.",
    textEn: "Database migration tonight from 10 to 11 pm.",
    updatedAt: "2026-11-23T08:00:00Z",
  },
  {
    __typename: "Announcement",
    id: "a-info",
    severity: "INFO",
    textFr: "Nouveau : l’export des segments.",
    textEn: null,
    updatedAt: "2026-11-23T08:00:00Z",
  },
];

const server: FakeServer = () => ({ data: { activeAnnouncements: announcements } });

describe("the announcement banner", () => {
  beforeEach(() => {
    // A Monday: no weekly maintenance to announce.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
    window.sessionStorage.clear();
    window.localStorage.clear();
  });

  it("shows the active announcements, warnings as alerts and news as a status", async () => {
    const { operations } = renderWithApi(<AnnouncementBanner />, server);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Maintenance :Migration de la base ce soir de 22 h à 23 h.");
    expect(screen.getByRole("status")).toHaveTextContent("Nouveau : l’export des segments.");
    const banner = screen.getByRole("complementary", { name: "Annonces" });
    expect(banner).not.toHaveTextContent("Maintenance hebdomadaire");
    expect(operations.map((o) => o.operationName)).toEqual(["ActiveAnnouncements"]);
  });

  it("speaks English when the interface does, and French when no English text was given", async () => {
    window.localStorage.setItem("crm360.language", "en");
    renderWithApi(<AnnouncementBanner />, server);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Maintenance:Database migration tonight from 10 to 11 pm.",
    );
    const news = screen.getByText("Nouveau : l’export des segments.");
    expect(news).toHaveAttribute("lang", "fr");
  });

  it("hides a dismissed announcement for the rest of the session", async () => {
    const first = renderWithApi(<AnnouncementBanner />, server);
    const alert = await screen.findByRole("alert");
    await userEvent
      .setup()
      .click(within(alert).getByRole("button", { name: "Masquer l’annonce (Maintenance)" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toBeInTheDocument();
    first.unmount();

    renderWithApi(<AnnouncementBanner />, server);
    await screen.findByRole("status");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("renders nothing without announcements outside the maintenance week", async () => {
    const { container, operations } = renderWithApi(<AnnouncementBanner />, () => ({
      data: { activeAnnouncements: [] },
    }));
    await vi.waitFor(() => expect(operations).toHaveLength(1));
    expect(container).toBeEmptyDOMElement();
  });

  it("keeps announcing the contractual weekly maintenance window beside them", async () => {
    // Thursday 06:30 in Paris (05:30 UTC): the window is on.
    vi.setSystemTime(new Date("2026-11-26T05:30:00Z"));
    renderWithApi(<AnnouncementBanner />, server);
    await screen.findByRole("alert");
    expect(screen.getByRole("complementary", { name: "Annonces" })).toHaveTextContent(
      "Maintenance hebdomadaire en cours",
    );
  });
});
