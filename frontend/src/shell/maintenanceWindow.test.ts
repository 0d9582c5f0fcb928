import { describe, expect, it } from "vitest";
import { upcomingMaintenance } from "./maintenanceWindow";

// 2026-11-26 is a Thursday; the window is 05:00 to 07:00 UTC (06:00 to 08:00 GMT+1).
describe("weekly maintenance announcement", () => {
  it("announces the window from the day before", () => {
    expect(upcomingMaintenance(new Date("2026-11-25T08:00:00Z"))).toEqual({
      start: new Date("2026-11-26T05:00:00Z"),
      end: new Date("2026-11-26T07:00:00Z"),
      ongoing: false,
    });
  });

  it("says when the window is under way", () => {
    expect(upcomingMaintenance(new Date("2026-11-26T06:30:00Z"))?.ongoing).toBe(true);
  });

  it("says nothing the rest of the week", () => {
    expect(upcomingMaintenance(new Date("2026-11-24T12:00:00Z"))).toBeNull();
    expect(upcomingMaintenance(new Date("2026-11-26T07:00:00Z"))).toBeNull();
    expect(upcomingMaintenance(new Date("2026-11-28T12:00:00Z"))).toBeNull();
  });
});
