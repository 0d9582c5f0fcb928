//! The merge values of a message: the contact's standard fields (snake_case: `first_name`,
//! `postal_code`), its custom fields under `custom` (`custom.loyalty_tier`), and the
//! message's own links (`unsubscribe_url`).

use crm360_contacts::fields::ContactField;
use crm360_contacts::model::{contact, custom_field};
use crm360_contacts::service::custom_fields::CustomValue;
use serde_json::{Map, Value};

/// The name of the unsubscribe link's merge field.
pub const UNSUBSCRIBE_URL: &str = "unsubscribe_url";

/// A field's merge name: `firstName` -> `first_name`.
pub fn merge_name(field: ContactField) -> String {
    let mut name = String::new();
    for c in field.key().chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
            name.push(c.to_ascii_lowercase());
        } else if c.is_ascii_digit() && !name.ends_with('_') && name.chars().last().is_some_and(|l| l.is_alphabetic()) {
            name.push('_');
            name.push(c);
        } else {
            name.push(c);
        }
    }
    name
}

/// Every merge field a template of the tenant may read, in the picker's order.
pub fn available(custom_fields: &[custom_field::Model]) -> Vec<String> {
    let mut names: Vec<String> = ContactField::ALL.into_iter().map(merge_name).collect();
    names.extend(custom_fields.iter().map(|f| format!("custom.{}", f.key)));
    names.push(UNSUBSCRIBE_URL.to_owned());
    names
}

/// The merge values of one contact; fields without a value are absent (so that
/// `default("client")` applies).
pub fn values_of(
    contact: &contact::Model,
    custom: &[(custom_field::Model, CustomValue)],
    unsubscribe_url: Option<&str>,
) -> Value {
    let mut object = Map::new();
    for field in ContactField::ALL {
        if let Some(value) = field.get(contact) {
            object.insert(merge_name(field), value.to_json());
        }
    }
    let mut customs = Map::new();
    for (field, value) in custom {
        let json = match value {
            CustomValue::Text(t) => Value::String(t.clone()),
            CustomValue::Number(n) => serde_json::Number::from_f64(*n).map(Value::Number).unwrap_or(Value::Null),
            CustomValue::Date(d) => Value::String(d.to_string()),
            CustomValue::Bool(b) => Value::Bool(*b),
        };
        customs.insert(field.key.clone(), json);
    }
    object.insert("custom".to_owned(), Value::Object(customs));
    if let Some(url) = unsubscribe_url {
        object.insert(UNSUBSCRIBE_URL.to_owned(), Value::String(url.to_owned()));
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_names_are_snake_case() {
        assert_eq!(merge_name(ContactField::FirstName), "first_name");
        assert_eq!(merge_name(ContactField::AddressLine4), "address_line_4");
        assert_eq!(merge_name(ContactField::PostalCode), "postal_code");
        assert_eq!(merge_name(ContactField::City), "city");
    }
}
