import { Link } from "react-router";
import { useQuery } from "urql";
import type { SegmentNodeInput } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable } from "../ui/DataTable";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SegmentSampleQuery } from "./operations";

const SAMPLE_SIZE = 20;

/** The first contacts of the segment, to check it targets the right people (needs Consult). */
export function SegmentSample({ definition }: { definition: SegmentNodeInput }) {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({
    query: SegmentSampleQuery,
    variables: { definition, first: SAMPLE_SIZE },
    requestPolicy: "network-only",
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  type Row = (typeof data.segmentSample.nodes)[number];
  return (
    <DataTable<Row>
      caption={t("segment.sampleCaption", { count: SAMPLE_SIZE })}
      rows={data.segmentSample.nodes}
      rowKey={(c) => c.id}
      emptyMessage={t("segment.sampleEmpty")}
      columns={[
        {
          header: t("contacts.col.name"),
          isRowHeader: true,
          cell: (c) => (
            <Link to={`/contacts/${c.id}`}>
              {[c.firstName, c.lastName].filter(Boolean).join(" ") || t("contacts.unnamed")}
            </Link>
          ),
        },
        { header: t("contacts.col.email"), cell: (c) => c.personalEmail ?? "" },
        {
          header: t("contacts.col.locality"),
          cell: (c) => [c.postalCode, c.city].filter(Boolean).join(" "),
        },
      ]}
    />
  );
}
