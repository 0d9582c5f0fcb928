import { act, render, renderHook, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/I18nProvider";
import { postalRunCostExclVat } from "./billing";
import { ConfirmDialog } from "./ConfirmDialog";
import { Pager } from "./Pager";
import { ProgressBar } from "./ProgressBar";
import { usePagination } from "./usePagination";

const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

describe("ConfirmDialog with a cost", () => {
  it("states the estimated cost excluding VAT and what it is based on before confirming", async () => {
    const onConfirm = vi.fn();
    render(
      <I18nProvider>
        <ConfirmDialog
          title="Lancer la RNVP ?"
          confirmLabel="Lancer"
          onConfirm={onConfirm}
          onCancel={() => {}}
          cost={{
            basis: "2 345 adresses à 10 € HT les 1 000",
            amountExclVat: 23.45,
            estimate: true,
          }}
        >
          <p>Les adresses seront normalisées.</p>
        </ConfirmDialog>
      </I18nProvider>,
    );
    const note = screen.getByRole("note", { name: "Coût de l’opération" });
    expect(plain(note.textContent)).toContain("Coût estimé : 23,45 € HT");
    expect(note).toHaveTextContent("2 345 adresses à 10 € HT les 1 000");
    // Cancel first: a billed action is never one keypress away.
    expect(screen.getByRole("button", { name: "Annuler" })).toHaveFocus();
    await userEvent.setup().click(screen.getByRole("button", { name: "Lancer" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it("cannot be confirmed while the cost is being computed", () => {
    render(
      <I18nProvider>
        <ConfirmDialog
          title="Lancer ?"
          confirmLabel="Lancer"
          onConfirm={() => {}}
          onCancel={() => {}}
          cost={null}
        >
          <p>…</p>
        </ConfirmDialog>
      </I18nProvider>,
    );
    expect(screen.getByText("Calcul du coût…")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Lancer" })).toBeDisabled();
  });
});

describe("postal run prices (Annex 1)", () => {
  it("are 10 € HT per 1 000 addresses for RNVP and 0.25 € HT per 1 000 read for dedup", () => {
    expect(postalRunCostExclVat("RNVP", 1000)).toBe(10);
    expect(postalRunCostExclVat("RNVP", 2345)).toBe(23.45);
    expect(postalRunCostExclVat("DEDUP", 4000)).toBe(1);
    expect(postalRunCostExclVat("DEDUP", 10)).toBe(0);
  });
});

describe("ProgressBar", () => {
  it("announces its value in French", () => {
    render(
      <I18nProvider>
        <ProgressBar label="Progression" percent={42.4} />
      </I18nProvider>,
    );
    const bar = screen.getByRole("progressbar", { name: "Progression" });
    expect(bar).toHaveAttribute("aria-valuenow", "42");
    expect(plain(bar.getAttribute("aria-valuetext"))).toBe("42 %");
  });

  it("waits without a number when the work has not started", () => {
    render(
      <I18nProvider>
        <ProgressBar label="Progression" percent={100} indeterminate />
      </I18nProvider>,
    );
    const bar = screen.getByRole("progressbar", { name: "Progression" });
    expect(bar).not.toHaveAttribute("aria-valuenow");
    expect(bar).toHaveAttribute("aria-valuetext", "En attente…");
    expect(screen.queryByText(/100/)).toBeNull();
  });
});

describe("Pager and jump to page", () => {
  it("checks the page number and asks for it", async () => {
    const onJump = vi.fn();
    render(
      <I18nProvider>
        <Pager
          page={1}
          hasNextPage
          endCursor="c1"
          onNext={() => {}}
          onPrevious={() => {}}
          onJump={onJump}
          pageCount={7}
        />
      </I18nProvider>,
    );
    const user = userEvent.setup();
    expect(screen.getByText("Page 1 sur 7")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Aller à la page"), "9");
    await user.click(screen.getByRole("button", { name: "Aller" }));
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Saisissez un numéro de page entre 1 et 7.",
    );
    expect(onJump).not.toHaveBeenCalled();
    await user.clear(screen.getByLabelText("Aller à la page"));
    await user.type(screen.getByLabelText("Aller à la page"), "4");
    await user.click(screen.getByRole("button", { name: "Aller" }));
    expect(onJump).toHaveBeenCalledWith(4);
  });

  it("walks the keyset cursors to the page asked for, and stops at the last one", async () => {
    const { result } = renderHook(() => usePagination(50));
    const walk = vi.fn(async (after: string | null) => {
      const n = after === null ? 1 : Number(after.slice(1)) + 1;
      return { endCursor: `c${n}`, hasNextPage: n < 5 };
    });
    await act(() => result.current.jumpTo(3, walk));
    expect(result.current.page).toBe(3);
    expect(result.current.variables).toEqual({ first: 50, after: "c2" });
    expect(walk).toHaveBeenCalledTimes(2);
    await act(() => result.current.jumpTo(2, walk));
    expect(result.current.variables.after).toBe("c1");
    await act(() => result.current.jumpTo(40, walk));
    // Page 6 would start after c5, but c5 ends the list: page 5 is the last.
    expect(result.current.page).toBe(5);
  });
});
