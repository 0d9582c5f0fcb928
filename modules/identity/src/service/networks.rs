//! Network filtering (issue 15, the contract's "filtrage des accès"): the CIDR ranges a
//! tenant's administrator allows its users and API tokens to connect from, and the operator's
//! own ranges for its staff (configuration, [`crate::SessionPolicy::operator_allowed_networks`]).
//! An empty list filters nothing. The address checked is the one the server determined for
//! the request (the peer's, or a trusted proxy's header); an unknown address is refused by a
//! non-empty list.

use crate::error::{IdentityError, IdentityResult};
use crate::model::allowed_network;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{TenantScope, Unscoped};
pub use ipnet::IpNet;
use sea_orm::ActiveValue::NotSet;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set};
use std::net::IpAddr;
use uuid::Uuid;

/// The most ranges one tenant may list.
pub const MAX_NETWORKS: usize = 200;

/// The longest description of a range.
const MAX_DESCRIPTION: usize = 200;

/// A CIDR range as written by a person: `10.0.0.0/8`, `2001:db8::/32`, or a bare address (one
/// host). Host bits are dropped (`10.1.2.3/8` is `10.0.0.0/8`).
pub fn parse_cidr(text: &str) -> Option<IpNet> {
    let text = text.trim();
    let net = match text.parse::<IpNet>() {
        Ok(net) => net,
        Err(_) => IpNet::from(text.parse::<IpAddr>().ok()?),
    };
    Some(net.trunc())
}

/// The operator's configured ranges, or the first that is not one.
pub fn parse_networks(values: &[String]) -> Result<Vec<IpNet>, String> {
    values.iter().map(|v| parse_cidr(v).ok_or_else(|| format!("{v:?} is not a CIDR range"))).collect()
}

/// An address as the server recorded it; an IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`,
/// as a dual-stack socket reports it) is the IPv4 address.
pub fn address_of(ip: &str) -> Option<IpAddr> {
    let ip: IpAddr = ip.trim().parse().ok()?;
    Some(match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    })
}

/// Whether `networks` let `ip` in: any address when empty, an unknown one never otherwise.
pub fn allows(networks: &[IpNet], ip: Option<&str>) -> bool {
    if networks.is_empty() {
        return true;
    }
    ip.and_then(address_of).is_some_and(|ip| networks.iter().any(|net| net.contains(&ip)))
}

/// One range as the administrator submits it.
#[derive(Clone, Debug)]
pub struct NetworkInput {
    pub cidr: String,
    pub description: Option<String>,
}

/// The tenant's ranges, IPv4 first, in address order.
pub async fn list(scope: &TenantScope) -> IdentityResult<Vec<allowed_network::Model>> {
    let txn = scope.begin().await?;
    let rows = txn.find::<allowed_network::Entity>().all(&txn).await?;
    txn.commit().await?;
    Ok(sorted(rows))
}

fn sorted(mut rows: Vec<allowed_network::Model>) -> Vec<allowed_network::Model> {
    rows.sort_by_key(|row| parse_cidr(&row.cidr));
    rows
}

/// Replaces the tenant's ranges (an empty list lifts the filter), audited. A list that would
/// refuse the administrator's own current address is refused unless `confirm_lockout`.
pub async fn set(
    scope: &TenantScope,
    inputs: Vec<NetworkInput>,
    confirm_lockout: bool,
) -> IdentityResult<Vec<allowed_network::Model>> {
    if inputs.len() > MAX_NETWORKS {
        return Err(IdentityError::TooManyNetworks { max: MAX_NETWORKS });
    }
    let mut wanted: Vec<(IpNet, Option<String>)> = Vec::new();
    for (index, input) in inputs.into_iter().enumerate() {
        let net = parse_cidr(&input.cidr)
            .ok_or(IdentityError::InvalidCidr { index, value: input.cidr.chars().take(60).collect() })?;
        let description = input.description.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
        if description.as_ref().is_some_and(|d| d.chars().count() > MAX_DESCRIPTION) {
            return Err(IdentityError::TooLong { field: "description", max: MAX_DESCRIPTION });
        }
        if !wanted.iter().any(|(known, _)| *known == net) {
            wanted.push((net, description));
        }
    }
    let nets: Vec<IpNet> = wanted.iter().map(|(net, _)| *net).collect();
    if !confirm_lockout && !allows(&nets, scope.ip()) {
        return Err(IdentityError::AddressLockout { address: scope.ip().unwrap_or("unknown").to_owned() });
    }

    let txn = scope.begin().await?;
    let before = sorted(txn.find::<allowed_network::Entity>().all(&txn).await?);
    txn.delete_many::<allowed_network::Entity>().exec(&txn).await?;
    let mut saved = Vec::with_capacity(wanted.len());
    for (net, description) in wanted {
        let row = allowed_network::ActiveModel {
            tenant_id: NotSet,
            id: NotSet,
            cidr: Set(net.to_string()),
            description: Set(description),
            created_by: Set(scope.actor().id()),
            created_at: NotSet,
        };
        saved.push(txn.insert(row).await?);
    }
    let saved = sorted(saved);
    let cidrs = |rows: &[allowed_network::Model]| rows.iter().map(|r| r.cidr.clone()).collect::<Vec<_>>();
    txn.audit(
        AuditChange::new("allowed_networks.set", "tenant", scope.tenant_id())
            .before(cidrs(&before))
            .after(cidrs(&saved)),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// A tenant's ranges, read on the login's or the session lookup's door.
pub(crate) async fn of_tenant<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    tenant_id: Uuid,
) -> IdentityResult<Vec<IpNet>> {
    let rows =
        db.find::<allowed_network::Entity>().filter(allowed_network::Column::TenantId.eq(tenant_id)).all(db).await?;
    Ok(rows.iter().filter_map(|row| parse_cidr(&row.cidr)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_as_people_write_them() {
        assert_eq!(parse_cidr("10.1.2.3/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(parse_cidr(" 192.0.2.7 ").unwrap().to_string(), "192.0.2.7/32");
        assert_eq!(parse_cidr("2001:DB8::1/32").unwrap().to_string(), "2001:db8::/32");
        assert_eq!(parse_cidr("::1").unwrap().to_string(), "::1/128");
        for bad in ["", "10.0.0.0/33", "10.0.0", "fe80::/129", "10.0.0.0/-1", "host.example", "10.0.0.0/8/8"] {
            assert!(parse_cidr(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn an_empty_list_allows_all_and_an_unknown_address_is_refused_otherwise() {
        let nets = parse_networks(&["192.0.2.0/24".to_owned(), "2001:db8::/32".to_owned()]).unwrap();
        assert!(allows(&[], None));
        assert!(allows(&[], Some("203.0.113.1")));
        assert!(allows(&nets, Some("192.0.2.255")));
        assert!(allows(&nets, Some("2001:db8:ffff::1")));
        assert!(allows(&nets, Some("::ffff:192.0.2.9")), "an IPv4-mapped address is its IPv4 address");
        assert!(!allows(&nets, Some("192.0.3.0")));
        assert!(!allows(&nets, Some("not an address")));
        assert!(!allows(&nets, None));
        assert!(parse_networks(&["10.0.0.0/99".to_owned()]).unwrap_err().contains("10.0.0.0/99"));
    }
}
