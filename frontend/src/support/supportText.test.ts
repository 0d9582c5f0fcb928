import { describe, expect, it } from "vitest";
import { fr, type MessageKey } from "../i18n/fr";
import { formatMessage, type MessageParams } from "../i18n/messageFormat";
import { attachmentErrorOf } from "./attachments";
import {
  attachmentHref,
  businessDuration,
  eventText,
  fileSize,
  longDateTime,
  ticketTiming,
  timeLeftText,
  timingText,
  urgency,
} from "./supportText";

const t = (key: MessageKey, params?: MessageParams) => formatMessage(fr[key], params, "fr-FR");
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

const running = {
  status: "OPEN" as const,
  respondedAt: null,
  dueAt: "2026-12-01T14:30:00Z",
  businessMinutesLeft: 390,
  answeredInTime: null,
};

describe("support dates and durations in French", () => {
  it("writes the deadline as a day of the week, the 1st as 1er, the hour in Paris", () => {
    expect(longDateTime("2026-12-01T14:30:00Z", "fr")).toBe("mardi 1er décembre 2026 à 15:30");
    expect(longDateTime("2026-12-04T08:05:00Z", "fr")).toBe("vendredi 4 décembre 2026 à 09:05");
    expect(longDateTime("2026-12-01T14:30:00Z", "en")).toBe("Tuesday 1 December 2026 at 15:30");
  });

  it("writes business time as hours and minutes", () => {
    expect(businessDuration(390)).toBe("6 h 30");
    expect(businessDuration(480)).toBe("8 h");
    expect(businessDuration(45)).toBe("45 min");
    expect(businessDuration(-75)).toBe("1 h 15");
    expect(businessDuration(2400)).toBe("40 h");
  });

  it("says where a running deadline stands", () => {
    const timing = ticketTiming(running);
    expect(timingText(timing, t, "fr")).toBe("échéance : mardi 1er décembre 2026 à 15:30");
    expect(timeLeftText(timing, t)).toBe("temps restant : 6 h 30 ouvrées");
    expect(urgency(timing)).toBe("ok");
    const late = ticketTiming({ ...running, businessMinutesLeft: -75 });
    expect(timeLeftText(late, t)).toBe("en retard de 1 h 15 ouvrées");
    expect(urgency(late)).toBe("late");
    expect(urgency(ticketTiming({ ...running, businessMinutesLeft: 45 }))).toBe("soon");
  });

  it("pauses while waiting for the user, and ends the clock once taken in charge", () => {
    const paused = ticketTiming({
      ...running,
      status: "WAITING_FOR_USER",
      dueAt: null,
      businessMinutesLeft: null,
    });
    expect(timingText(paused, t, "fr")).toBe("en pause");
    expect(timeLeftText(paused, t)).toBeNull();
    const responded = ticketTiming({
      ...running,
      status: "IN_PROGRESS",
      respondedAt: "2026-12-01T09:00:00Z",
      businessMinutesLeft: null,
      answeredInTime: true,
    });
    expect(timingText(responded, t, "fr")).toBe(
      "pris en charge le mardi 1er décembre 2026 à 10:00",
    );
  });

  it("describes the interventions in French", () => {
    expect(eventText("QUALIFIED", { from: "P3", to: "P1" }, t)).toBe(
      "Criticité qualifiée : P3 → P1",
    );
    expect(eventText("CLOSED", { reason: "AGREEMENT" }, t)).toBe("Ticket clos d’un commun accord");
    expect(eventText("OPENED", { channel: "PRODUCT", priority: "P2", kind: "ANOMALY" }, t)).toBe(
      "Ticket ouvert (criticité proposée : P2)",
    );
    expect(eventText("USER_REPLIED", { resumed: true }, t)).toBe(
      "Réponse de l’utilisateur : le délai reprend",
    );
    expect(eventText("TAKEN_IN_CHARGE", {}, t)).toBe("Pris en charge");
  });

  it("writes sizes and staff links", () => {
    expect(plain(fileSize(512, (n) => n.toLocaleString("fr-FR")))).toBe("512 o");
    expect(plain(fileSize(12_800, (n) => n.toLocaleString("fr-FR")))).toBe("12,5 Ko");
    expect(attachmentHref("/support/attachments/a1")).toBe("/support/attachments/a1");
    expect(attachmentHref("/support/attachments/a1", "t 1")).toBe(
      "/support/attachments/a1?tenant=t%201",
    );
  });
});

describe("a refused upload", () => {
  it("reads the API's reason from the body, and a bare 413 as too large", () => {
    const body = JSON.stringify({
      errors: [
        {
          message: "this type of file is not accepted",
          extensions: { code: "INVALID_INPUT", field: "file", reason: "FILE_TYPE" },
        },
      ],
    });
    expect(attachmentErrorOf(400, body)).toEqual({
      code: "INVALID_INPUT",
      field: "file",
      reason: "FILE_TYPE",
    });
    expect(attachmentErrorOf(413, "length limit exceeded")).toEqual({
      code: "INVALID_INPUT",
      field: "file",
      reason: "FILE_TOO_LARGE",
    });
  });
});
