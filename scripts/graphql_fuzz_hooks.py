"""Schemathesis hooks for scripts/graphql-fuzz.sh: the checks (no 5xx, no GraphQL error whose
`extensions.code` is `INTERNAL`) and strategies for the schema's own scalars.

The built-in `not_a_server_error` is not used: in GraphQL mode it counts every `errors` entry
that is not a validation error as a failure, while this API answers its expected refusals
(`NOT_FOUND`, `FORBIDDEN`, `INVALID_INPUT`, ...) as typed GraphQL errors."""

import json

import schemathesis
from hypothesis import strategies as st
from schemathesis.core.failures import Failure
from schemathesis.graphql import nodes

schemathesis.graphql.scalar("NaiveDate", st.dates().map(lambda d: nodes.String(d.isoformat())))
# Money as a decimal string, sometimes not a number at all (a typed refusal is expected).
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str), st.text(max_size=12)).map(nodes.String),
)
# Arbitrary JSON as a string literal is refused by the server as invalid: a typed error.
schemathesis.graphql.scalar("JSON", st.text(max_size=40).map(nodes.String))


class ServerError(Failure):
    """The server answered 5xx."""

    kind_title = "Server error (5xx)"
    __slots__ = ("status",)

    def __init__(self, *, operation: str, status: int, body: str) -> None:
        super().__init__(operation=operation, message=f"{status}: {body[:2000]}")
        self.status = status

    @property
    def _unique_key(self) -> str:
        return f"server_error|{self.operation}|{self.status}"


@schemathesis.check
def no_server_error(ctx, response, case):
    """No 5xx answer."""
    if response.status_code >= 500:
        raise ServerError(operation=case.operation.label, status=response.status_code, body=response.text or "")
    return None


class InternalGraphQLError(Failure):
    """The server answered a GraphQL error with `extensions.code` = `INTERNAL`."""

    kind_title = "GraphQL error with extensions.code INTERNAL"
    __slots__ = ("paths",)

    def __init__(self, *, operation: str, errors: list, request_id: str | None) -> None:
        message = json.dumps(errors, ensure_ascii=False)[:2000]
        if request_id:
            message += f"\n(request id {request_id}: its cause is in the server log)"
        super().__init__(operation=operation, message=message)
        self.paths = "|".join(sorted({json.dumps(e.get("path")) for e in errors}))

    @property
    def _unique_key(self) -> str:
        return f"graphql_internal_error|{self.operation}|{self.paths}"


@schemathesis.check
def no_internal_graphql_error(ctx, response, case):
    """No GraphQL error answered with `extensions.code` = `INTERNAL`."""
    try:
        body = response.json()
    except Exception:
        return None
    if not isinstance(body, dict):
        return None
    errors = [
        error
        for error in body.get("errors") or []
        if isinstance(error, dict) and (error.get("extensions") or {}).get("code") == "INTERNAL"
    ]
    if errors:
        raise InternalGraphQLError(
            operation=case.operation.label,
            errors=errors,
            request_id=response.headers.get("x-request-id"),
        )
    return None
