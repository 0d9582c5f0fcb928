import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../../i18n/useI18n";
import { DataTable, type Column } from "../DataTable";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

/** One series of figures, drawn in one colour. */
export interface ChartSeries {
  label: string;
  values: readonly number[];
}

interface BarChartProps {
  /** The figure's title, also the caption of its table. */
  title: string;
  /** One label a bar (a day, a page, a client). */
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** The first column's header in the table view ("Jour", "Page"). */
  labelHeader: string;
  /** `bar` (default) or `line` for series over time. */
  kind?: "bar" | "line";
  /** Horizontal bars, for long labels (pages, clients). */
  horizontal?: boolean;
  /** Starts on the table view. */
  initialView?: "chart" | "table";
  /** CSV export name of the table view. */
  exportName?: string;
  /**
   * `toggle` (default): a button switches to a table of the same figures. `beside`: the page
   * shows those figures in its own table right after the chart (with more columns).
   */
  table?: "toggle" | "beside";
}

const COLOURS = ["#2f5bd3", "#e0861a", "#1f8a5b", "#8a3ffc", "#c0392b"];

/**
 * A chart (Chart.js on a canvas) with the same figures as a table, one button away: the
 * table is the accessible view (the canvas is an image with a summary for screen readers),
 * and it exports to CSV. Numbers follow the language (French grouping).
 */
export function BarChart({
  title,
  labels,
  series,
  labelHeader,
  kind = "bar",
  horizontal = false,
  initialView = "chart",
  exportName,
  table = "toggle",
}: BarChartProps) {
  const { t, formatNumber, language } = useI18n();
  const [view, setView] = useState(initialView);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tableId = useId();
  // Redraw when the figures change, not whenever the page renders new arrays of them.
  const figures = JSON.stringify([labels, series]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (view !== "chart" || !canvas) return;
    // No 2D context (a test's DOM, a locked-down browser): the table view still has it all.
    let context: CanvasRenderingContext2D | null = null;
    try {
      context = canvas.getContext("2d");
    } catch {
      context = null;
    }
    if (!context) return;
    const locale = language === "fr" ? "fr-FR" : "en-GB";
    const config: ChartConfiguration<"bar" | "line", number[], string> = {
      type: kind,
      data: {
        labels: [...(JSON.parse(figures) as [string[]])[0]],
        datasets: (JSON.parse(figures) as [string[], ChartSeries[]])[1].map((s, i) => ({
          label: s.label,
          data: [...s.values],
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        locale,
        responsive: true,
        maintainAspectRatio: false,
        animation: window.matchMedia?.("(prefers-reduced-motion: reduce)").matches
          ? false
          : undefined,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: series.length > 1 } },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } },
      },
    };
    const chart = new Chart(context, config);
    return () => chart.destroy();
  }, [view, kind, horizontal, figures, language]);

  const summary = t(table === "beside" ? "chart.summaryBeside" : "chart.summary", {
    title,
    count: labels.length,
    series: series.map((s) => s.label).join(", "),
  });
  type Row = { label: string; index: number };
  const rows: Row[] = labels.map((label, index) => ({ label, index }));
  const columns: Column<Row>[] = [
    { header: labelHeader, isRowHeader: true, cell: (r) => r.label },
    ...series.map((s): Column<Row> => ({
      header: s.label,
      numeric: true,
      cell: (r) => formatNumber(s.values[r.index] ?? 0),
      csv: (r) => s.values[r.index] ?? 0,
      total: (shown) => formatNumber(shown.reduce((sum, r) => sum + (s.values[r.index] ?? 0), 0)),
    })),
  ];

  return (
    <figure className="chart">
      <div className="chart__header">
        <figcaption className="chart__title">{title}</figcaption>
        {table === "toggle" && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-controls={tableId}
            aria-pressed={view === "table"}
            onClick={() => setView(view === "chart" ? "table" : "chart")}
          >
            {view === "chart" ? t("chart.showTable") : t("chart.showChart")}
          </button>
        )}
      </div>
      {view === "chart" ? (
        <div className="chart__canvas" style={{ height: chartHeight(labels.length, horizontal) }}>
          <canvas ref={canvasRef} role="img" aria-label={summary} />
        </div>
      ) : (
        <div id={tableId}>
          <DataTable<Row>
            caption={title}
            columns={columns}
            rows={rows}
            rowKey={(r) => String(r.index)}
            emptyMessage={t("chart.empty")}
            exportName={exportName}
          />
        </div>
      )}
    </figure>
  );
}

function chartHeight(count: number, horizontal: boolean): string {
  if (!horizontal) return "16rem";
  return `${Math.max(8, Math.min(30, count * 1.8 + 3))}rem`;
}
