import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "../session/SessionProvider";
import { renderWithApi, TEST_VIEWER } from "../test/renderWithApi";
import { MyTicketsPage } from "./MyTicketsPage";
import { OpenTicketPage } from "./OpenTicketPage";
import { StaffTicketPage } from "./StaffTicketPage";
import { SupportQueuePage } from "./SupportQueuePage";
import { TicketPage } from "./TicketPage";

/** Intl's French spaces (narrow no-break, no-break) as plain spaces. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

const USER: Viewer = {
  ...TEST_VIEWER,
  kind: "TENANT_USER",
  email: "consult@demo.crm360.demo",
  firstName: "Camille",
  lastName: "Consult",
  rights: ["CONSULT"],
  isTenantAdmin: false,
};

const OPERATOR: Viewer = {
  ...TEST_VIEWER,
  kind: "OPERATOR_STAFF",
  email: "operateur@crm360.demo",
  rights: [],
  isTenantAdmin: false,
  isOperator: true,
  tenant: null,
};

function ticket(overrides: Record<string, unknown> = {}) {
  return {
    __typename: "Ticket",
    id: "k1",
    tenantId: "t1",
    number: "T-2026-000042",
    kind: "ANOMALY",
    proposedPriority: "P2",
    priority: "P2",
    qualified: false,
    status: "OPEN",
    subject: "L’export des contacts échoue",
    channel: "PRODUCT",
    requesterEmail: "consult@demo.crm360.demo",
    assignedTo: null,
    openedAt: "2026-11-30T09:12:00Z",
    respondedAt: null,
    dueAt: "2026-12-01T14:30:00Z",
    businessMinutesLeft: 390,
    answeredInTime: null,
    workaroundAt: null,
    resolvedAt: null,
    closedAt: null,
    closedReason: null,
    messages: [
      {
        __typename: "TicketMessage",
        id: "m1",
        authorKind: "USER",
        authorName: "Camille Consult",
        body: "Le bouton <b>Exporter</b> ne répond plus.\nDepuis ce matin.",
        createdAt: "2026-11-30T09:12:00Z",
        attachments: [
          {
            __typename: "TicketAttachment",
            id: "a1",
            filename: "journal.txt",
            contentType: "text/plain",
            sizeBytes: 12_800,
            url: "/support/attachments/a1",
          },
        ],
      },
    ],
    events: [
      {
        __typename: "TicketEvent",
        action: "OPENED",
        actorKind: "USER",
        actorName: "Camille Consult",
        at: "2026-11-30T09:12:00Z",
        detail: { channel: "PRODUCT", priority: "P2", kind: "ANOMALY" },
      },
    ],
    ...overrides,
  };
}

const connection = (nodes: unknown[]) => ({
  tickets: {
    __typename: "TicketConnection",
    nodes,
    pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
  },
});

/** A stand-in for XMLHttpRequest: answers each upload from its file name. */
class FakeUpload {
  static sent: { url: string; headers: Record<string, string> }[] = [];
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = "";
  withCredentials = false;
  private url = "";
  private headers: Record<string, string> = {};
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send() {
    FakeUpload.sent.push({ url: this.url, headers: this.headers });
    const name = new URL(this.url, "http://localhost").searchParams.get("filename") ?? "";
    setTimeout(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 2 } as ProgressEvent);
      if (name.endsWith(".exe")) {
        this.status = 400;
        this.responseText = JSON.stringify({
          errors: [
            {
              message: "this type of file is not accepted",
              extensions: { code: "INVALID_INPUT", field: "file", reason: "FILE_TYPE" },
            },
          ],
        });
      } else {
        this.status = 201;
        this.responseText = JSON.stringify({
          id: `up-${name}`,
          filename: name,
          contentType: "text/plain",
          sizeBytes: 11,
          sha256: "0".repeat(64),
        });
      }
      this.onload?.();
    }, 0);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeUpload.sent = [];
});

describe("opening a ticket", () => {
  it("checks every field at once, then opens it and shows its number and due time", async () => {
    const user = userEvent.setup();
    const opened = ticket();
    const { operations } = renderWithApi(
      <Routes>
        <Route path="/" element={<OpenTicketPage />} />
        <Route path="/support/:ticketId" element={<TicketPage />} />
      </Routes>,
      (op) => {
        if (op.operationName === "OpenTicket") return { data: { openTicket: opened } };
        if (op.operationName === "MyTicket") return { data: { ticket: opened } };
        return { data: {} };
      },
      { viewer: USER },
    );
    await screen.findByRole("heading", { level: 1, name: "Ouvrir un ticket" });
    // Annex 2's definitions are the help of each criticality.
    expect(screen.getByLabelText("P1 — Anomalie critique (bloquante)")).toHaveAccessibleDescription(
      /sans contournement\. Réponse sous 8 heures ouvrées\./,
    );
    await user.click(screen.getByRole("button", { name: "Ouvrir le ticket" }));
    expect(await screen.findByText("2 champs à corriger.")).toBeInTheDocument();
    expect(screen.getAllByText("Ce champ est obligatoire.")).toHaveLength(2);
    expect(operations.map((o) => o.operationName)).not.toContain("OpenTicket");

    await user.click(
      screen.getByLabelText("P2 — Anomalie semi-critique (incident, contournement possible)"),
    );
    await user.type(screen.getByLabelText("Objet"), "L’export des contacts échoue");
    await user.type(screen.getByLabelText(/^Description/), "Le bouton ne répond plus.");
    await user.click(screen.getByRole("button", { name: "Ouvrir le ticket" }));

    await screen.findByRole("heading", { level: 1, name: "Ticket T-2026-000042" });
    expect(plain(screen.getByRole("status").textContent)).toBe(
      "Votre ticket T-2026-000042 est ouvert — échéance : mardi 1er décembre 2026 à 15:30.",
    );
    expect(screen.getByTestId("ticket-due")).toHaveTextContent(
      "échéance : mardi 1er décembre 2026 à 15:30",
    );
    expect(screen.getByTestId("ticket-time-left")).toHaveTextContent(
      "temps restant : 6 h 30 ouvrées",
    );
    const sent = operations.find((o) => o.operationName === "OpenTicket");
    expect(sent?.variables.input).toEqual({
      kind: "ANOMALY",
      priority: "P2",
      subject: "L’export des contacts échoue",
      body: "Le bouton ne répond plus.",
      attachmentIds: [],
    });
  });

  it("shows in French an attachment refused for its type, and sends only the accepted ones", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeUpload);
    const user = userEvent.setup();
    const { operations } = renderWithApi(
      <OpenTicketPage />,
      (op) =>
        op.operationName === "OpenTicket" ? { data: { openTicket: ticket() } } : { data: {} },
      { viewer: USER },
    );
    const input = await screen.findByLabelText(/^Pièces jointes/);
    await user.upload(input, [
      new File(["MZ\u0090binary"], "programme.exe", { type: "application/octet-stream" }),
      new File(["ligne 1\nligne 2"], "journal.txt", { type: "text/plain" }),
    ]);
    const files = screen.getByRole("list", { name: "Fichiers joints" });
    expect(
      await within(files).findByText(
        "programme.exe : Ce type de fichier n’est pas accepté : images, PDF, documents Word, Excel ou OpenDocument, archives ZIP ou texte seulement.",
      ),
    ).toBeInTheDocument();
    await within(files).findByText("Envoyé");
    // One by one, with the app's CSRF header.
    expect(FakeUpload.sent.map((s) => s.url)).toEqual([
      "/support/attachments?filename=programme.exe",
      "/support/attachments?filename=journal.txt",
    ]);
    expect(FakeUpload.sent[0]?.headers["X-CRM360-CSRF"]).toBe("1");

    await user.type(screen.getByLabelText("Objet"), "Export");
    await user.type(screen.getByLabelText(/^Description/), "Voir le journal.");
    await user.click(screen.getByRole("button", { name: "Ouvrir le ticket" }));
    expect(
      await screen.findByText(
        "Une pièce jointe a été refusée : retirez-la avant d’envoyer le message.",
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retirer programme.exe" }));
    await user.click(screen.getByRole("button", { name: "Ouvrir le ticket" }));
    await waitFor(() => expect(operations.map((o) => o.operationName)).toContain("OpenTicket"));
    const sent = operations.find((o) => o.operationName === "OpenTicket");
    expect((sent?.variables.input as { attachmentIds: string[] }).attachmentIds).toEqual([
      "up-journal.txt",
    ]);
  });
});

describe("a tenant's tickets", () => {
  const waiting = ticket({
    status: "WAITING_FOR_USER",
    dueAt: null,
    businessMinutesLeft: null,
  });

  it("shows a ticket waiting for the user as paused, in the list and on its page", async () => {
    renderWithApi(<MyTicketsPage />, () => ({ data: connection([waiting]) }), { viewer: USER });
    const table = await screen.findByRole("table", { name: /Tickets de support/ });
    const row = within(table).getByRole("row", { name: /T-2026-000042/ });
    expect(within(row).getByText("En attente de votre réponse")).toBeInTheDocument();
    expect(within(row).getByText("En pause")).toBeInTheDocument();
    expect(within(row).getByRole("link", { name: "T-2026-000042" })).toHaveAttribute(
      "href",
      "/support/k1",
    );
    expect(screen.getByText(/Les tickets que vous avez ouverts/)).toBeInTheDocument();
  });

  it("says on the ticket's page that the clock waits for the user's answer", async () => {
    renderWithApi(<TicketPage />, () => ({ data: { ticket: waiting } }), {
      viewer: USER,
      route: { path: "/support/:ticketId", url: "/support/k1" },
    });
    await screen.findByRole("heading", { level: 1, name: "Ticket T-2026-000042" });
    expect(screen.getByTestId("ticket-due")).toHaveTextContent(
      "en pause : le délai reprendra à votre réponse",
    );
    expect(screen.queryByTestId("ticket-time-left")).toBeNull();
    expect(screen.getByLabelText("Votre message")).toHaveAccessibleDescription(
      /Le support attend votre réponse/,
    );
  });

  it("hides the reply form of a closed ticket and shows the thread as plain text", async () => {
    const closed = ticket({
      status: "CLOSED",
      respondedAt: "2026-11-30T10:00:00Z",
      answeredInTime: true,
      businessMinutesLeft: null,
      closedAt: "2026-12-03T16:00:00Z",
      closedReason: "AGREEMENT",
    });
    renderWithApi(<TicketPage />, () => ({ data: { ticket: closed } }), {
      viewer: USER,
      route: { path: "/support/:ticketId", url: "/support/k1" },
    });
    await screen.findByRole("heading", { level: 1, name: "Ticket T-2026-000042" });
    expect(screen.getByTestId("ticket-closed")).toHaveTextContent(
      "Ce ticket est clos : ouvrez-en un nouveau.",
    );
    expect(screen.queryByLabelText("Votre message")).toBeNull();
    expect(screen.queryByRole("button", { name: "Envoyer la réponse" })).toBeNull();
    expect(screen.getByText("Ticket clos d’un commun accord")).toBeInTheDocument();
    expect(screen.getByTestId("ticket-due")).toHaveTextContent(
      "pris en charge le lundi 30 novembre 2026 à 11:00",
    );
    // The body is text: its markup is shown, never interpreted.
    const thread = screen.getByRole("region", { name: "Échanges" });
    expect(thread.querySelector("b")).toBeNull();
    expect(
      within(thread).getByText(/Le bouton <b>Exporter<\/b> ne répond plus\./),
    ).toBeInTheDocument();
    expect(within(thread).getByRole("link", { name: "journal.txt" })).toHaveAttribute(
      "href",
      "/support/attachments/a1",
    );
  });
});

describe("the operator's queue", () => {
  it("lists the tickets in deadline order and shows the late ones as late", async () => {
    const queue = [
      ticket({ id: "k1", number: "T-2026-000041", priority: "P1", businessMinutesLeft: -75 }),
      ticket({
        id: "k2",
        number: "T-2026-000042",
        tenantId: "t2",
        dueAt: "2026-12-01T16:00:00Z",
        businessMinutesLeft: 45,
      }),
      ticket({
        id: "k3",
        number: "T-2026-000043",
        status: "WAITING_FOR_USER",
        dueAt: null,
        businessMinutesLeft: null,
      }),
    ].map(({ messages: _m, events: _e, ...summary }) => summary);
    const { operations } = renderWithApi(
      <SupportQueuePage />,
      (op) => {
        if (op.operationName === "SupportTenants") {
          return {
            data: {
              tenants: {
                __typename: "TenantConnection",
                nodes: [
                  { __typename: "Tenant", id: "t1", name: "Démo Boutique SAS" },
                  { __typename: "Tenant", id: "t2", name: "Atelier Martin" },
                ],
              },
            },
          };
        }
        return { data: { supportQueue: queue } };
      },
      { viewer: OPERATOR },
    );
    const table = await screen.findByRole("table", { name: /File d’attente du support/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("link")[0]?.textContent)).toEqual([
      "T-2026-000041",
      "T-2026-000042",
      "T-2026-000043",
    ]);
    const late = within(rows[0] as HTMLElement).getByText("En retard de 1 h 15 ouvrées");
    expect(late).toHaveClass("time-left--late");
    expect(within(rows[0] as HTMLElement).getByRole("link")).toHaveAttribute(
      "href",
      "/operator/support/t1/k1",
    );
    expect(within(rows[1] as HTMLElement).getByText("45 min ouvrées")).toHaveClass(
      "time-left--soon",
    );
    expect(await within(rows[1] as HTMLElement).findByText("Atelier Martin")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText("En pause")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText("En attente du client")).toBeInTheDocument();
    expect(plain(screen.getByTestId("queue-summary").textContent)).toBe(
      "3 tickets dont 1 en retard",
    );

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Criticité"), "P1");
    await user.click(screen.getByLabelText("Inclure les tickets clos"));
    await waitFor(() =>
      expect(
        operations.filter((o) => o.operationName === "SupportQueue").at(-1)?.variables,
      ).toEqual({ tenantId: null, status: null, priority: "P1", includeClosed: true }),
    );
  });
});

describe("a ticket for operator staff", () => {
  it("resolves after a confirmation, with the message, and links files with the tenant", async () => {
    const user = userEvent.setup();
    const open = ticket({ status: "IN_PROGRESS", respondedAt: "2026-11-30T10:00:00Z" });
    const { operations } = renderWithApi(
      <StaffTicketPage />,
      (op) => {
        if (op.operationName === "SupportTicket") {
          return {
            data: {
              supportTicket: open,
              tenant: { __typename: "Tenant", id: "t1", name: "Démo Boutique SAS" },
            },
          };
        }
        if (op.operationName === "HandleTicket") {
          return { data: { handleTicket: { ...open, status: "RESOLVED" } } };
        }
        return { data: {} };
      },
      {
        viewer: OPERATOR,
        route: { path: "/operator/support/:tenantId/:ticketId", url: "/operator/support/t1/k1" },
      },
    );
    await screen.findByRole("heading", { level: 1, name: "Ticket T-2026-000042" });
    expect(screen.getByText("Démo Boutique SAS")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "journal.txt" })).toHaveAttribute(
      "href",
      "/support/attachments/a1?tenant=t1",
    );
    // Taken in charge already: no button for it.
    expect(screen.queryByRole("button", { name: "Prendre en charge" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Résoudre…" }));
    expect(screen.getByLabelText("Message au client")).toHaveAccessibleDescription(
      /Ce champ est obligatoire\./,
    );
    expect(screen.queryByRole("alertdialog")).toBeNull();

    await user.type(screen.getByLabelText("Message au client"), "Corrigé dans la version 4.2.");
    await user.click(screen.getByRole("button", { name: "Résoudre…" }));
    const dialog = await screen.findByRole("alertdialog", {
      name: "Résoudre le ticket T-2026-000042 ?",
    });
    await user.click(within(dialog).getByRole("button", { name: "Résoudre" }));
    expect(
      await screen.findByText("Ticket résolu : le client en est informé."),
    ).toBeInTheDocument();
    const sent = operations.find((o) => o.operationName === "HandleTicket");
    expect(sent?.variables.input).toEqual({
      tenantId: "t1",
      ticketId: "k1",
      action: "RESOLVE",
      body: "Corrigé dans la version 4.2.",
    });
  });
});
