import { useMemo, useState } from "react";
import { useQuery } from "urql";
import type { ApiTokenFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import type { MessageKey } from "../../i18n/fr";
import { RightsBadges } from "../../rights/RightsBadges";
import { DataTable, type Column } from "../../ui/DataTable";
import { SuccessMessage } from "../../ui/FlashMessage";
import { PageHeader } from "../../ui/PageHeader";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { CreateApiTokenForm, type CreatedApiToken } from "./CreateApiTokenForm";
import { ApiTokensQuery } from "./operations";
import { RevokeApiTokenDialog } from "./RevokeApiTokenDialog";
import { TokenSecretNotice } from "./TokenSecretNotice";

type TokenStatus = "active" | "revoked" | "expired" | "expiringSoon";

/** A token this close to its expiry is flagged, so that it is renewed in time. */
const EXPIRING_SOON_MS = 7 * 24 * 3600 * 1000;

function tokenStatus(token: ApiTokenFieldsFragment, now: number): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return "expired";
  if (token.expiresAt && Date.parse(token.expiresAt) - now <= EXPIRING_SOON_MS) {
    return "expiringSoon";
  }
  return "active";
}

const STATUS_LABELS: Record<TokenStatus, MessageKey> = {
  active: "tokens.status.active",
  revoked: "tokens.status.revoked",
  expired: "tokens.status.expired",
  expiringSoon: "tokens.status.expiringSoon",
};

/**
 * API tokens for technical users and BI tools: create (secret shown once, expiry offered with
 * the default lifetime), list with their expiry and last use (when and from which address),
 * revoke.
 */
export function ApiTokensPage() {
  const { t, formatDateTime } = useI18n();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenFieldsFragment | null>(null);
  const [revoked, setRevoked] = useState(false);
  const context = useMemo(() => ({ additionalTypenames: ["ApiToken"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: ApiTokensQuery,
    requestPolicy: "cache-and-network",
    context,
  });
  const now = Date.now();

  const columns: Column<ApiTokenFieldsFragment>[] = [
    { header: t("tokens.col.name"), isRowHeader: true, cell: (token) => token.name },
    { header: t("tokens.col.prefix"), cell: (token) => <code>{token.prefix}…</code> },
    { header: t("tokens.col.rights"), cell: (token) => <RightsBadges rights={token.rights} /> },
    { header: t("tokens.col.createdAt"), cell: (token) => formatDateTime(token.createdAt) },
    {
      header: t("tokens.col.lastUsedAt"),
      cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("tokens.never")),
    },
    {
      header: t("tokens.col.lastUsedIp"),
      cell: (token) => (token.lastUsedIp ? <code>{token.lastUsedIp}</code> : null),
    },
    {
      header: t("tokens.col.expiresAt"),
      cell: (token) => (token.expiresAt ? formatDateTime(token.expiresAt) : t("tokens.noExpiry")),
    },
    {
      header: t("tokens.col.status"),
      cell: (token) => {
        const status = tokenStatus(token, now);
        return <span className={`status status--${status}`}>{t(STATUS_LABELS[status])}</span>;
      },
    },
    {
      header: t("tokens.col.actions"),
      cell: (token) =>
        token.revokedAt ? null : (
          <button
            type="button"
            className="button button--danger button--small"
            aria-label={t("tokens.revokeLabel", { name: token.name })}
            onClick={() => {
              setRevoked(false);
              setRevoking(token);
            }}
          >
            {t("tokens.revoke")}
          </button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("tokens.title")}
        intro={t("tokens.intro")}
        actions={
          !creating &&
          !created && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setRevoked(false);
                setCreating(true);
              }}
            >
              {t("tokens.create")}
            </button>
          )
        }
      />
      <SuccessMessage message={revoked ? t("tokens.revoked") : null} />
      {created && <TokenSecretNotice token={created} onDone={() => setCreated(null)} />}
      {creating && (
        <CreateApiTokenForm
          policy={data?.apiTokenPolicy ?? null}
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      )}
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <DataTable
          caption={t("tokens.caption")}
          columns={columns}
          rows={data.apiTokens}
          rowKey={(token) => token.id}
          emptyMessage={t("tokens.empty")}
        />
      )}
      {revoking && (
        <RevokeApiTokenDialog
          token={revoking}
          onClose={(didRevoke) => {
            setRevoking(null);
            setRevoked(didRevoke);
          }}
        />
      )}
    </>
  );
}
