import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import {
  commitmentText,
  formatUnitPrice,
  LEVEL_PRICES,
  type GridLevel,
  type GridTier,
  type PriceGrid,
} from "./billingText";

/** A price grid in readable tables: the levels' prices, then the e-mail and SMS tiers. */
export function GridTables({ grid, version }: { grid: PriceGrid; version: number }) {
  const { t, formatNumber, language } = useI18n();
  const levelColumns: Column<GridLevel>[] = [
    {
      header: t("billing.grid.col.level"),
      isRowHeader: true,
      cell: (l) => t("billing.level", { level: l.level }),
    },
    ...LEVEL_PRICES.map((price): Column<GridLevel> => ({
      header: t(`billing.grid.levelPrice.${price}`),
      numeric: true,
      cell: (l) => formatUnitPrice(l[price], language),
      csv: (l) => l[price],
    })),
  ];
  const tierColumns = (channel: "email" | "sms"): Column<GridTier>[] => [
    {
      header: t("billing.grid.col.commitment"),
      isRowHeader: true,
      cell: (tier) => commitmentText(channel, tier.commitment, t, formatNumber),
      csv: (tier) => tier.commitment,
    },
    {
      header: t(channel === "email" ? "billing.grid.col.emailPrice" : "billing.grid.col.smsPrice", {
        block: formatNumber(grid.blockSize),
      }),
      numeric: true,
      cell: (tier) => formatUnitPrice(tier.price, language),
      csv: (tier) => tier.price,
    },
  ];
  return (
    <div className="grid-tables">
      <DataTable
        caption={t("billing.grid.levelsCaption", { version })}
        columns={levelColumns}
        rows={grid.levels}
        rowKey={(l) => String(l.level)}
        emptyMessage={t("billing.grid.empty")}
      />
      <div className="grid-tables__tiers">
        <DataTable
          caption={t("billing.grid.emailCaption", { version })}
          columns={tierColumns("email")}
          rows={grid.emailTiers}
          rowKey={(tier) => String(tier.commitment)}
          emptyMessage={t("billing.grid.empty")}
        />
        <DataTable
          caption={t("billing.grid.smsCaption", { version })}
          columns={tierColumns("sms")}
          rows={grid.smsTiers}
          rowKey={(tier) => String(tier.commitment)}
          emptyMessage={t("billing.grid.empty")}
        />
      </div>
    </div>
  );
}
