//! Message templates stored in the database, checked when saved and rendered per contact
//! with minijinja.
//!
//! Each part of a message (subject, HTML body, text body, SMS) is its own template. Only the
//! HTML body is auto-escaped. Execution is bounded (fuel, bounded `range`) so a template typed
//! by a user cannot stall a send.
//!
//! Missing values: callers should leave a contact field **absent** from the merge values when
//! it is unknown (no key rather than `null`). Both are handled the same way anyway: undefined
//! is lenient (chained lookups such as `custom.loyalty_tier` on a contact without custom
//! fields give undefined), `none` prints as an empty string, and the `default` filter replaces
//! undefined, `none` and `""` alike.

use std::fmt;

use chrono::Datelike;
use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};

/// Fuel given to one render: about one unit per VM instruction. A 50 KB email with a few
/// loops over products uses a few thousand; a runaway loop exhausts it in milliseconds.
pub const FUEL: u64 = 500_000;

/// Largest `range(...)` a template may build; bigger loops are refused as too expensive.
pub const MAX_RANGE: usize = 10_000;

/// Detail of the error raised by the bounded `range`, recognised when mapping errors.
const RANGE_TOO_LARGE: &str = "range has too many elements";

/// One part of a message, each stored and rendered as its own template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Email subject line (not escaped).
    Subject,
    /// Email HTML body (auto-escaped).
    Html,
    /// Email plain-text body (not escaped).
    Text,
    /// SMS text (not escaped).
    Sms,
}

impl Part {
    /// Template name given to minijinja (appears in its error messages).
    fn template_name(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Html => "html",
            Part::Text => "text",
            Part::Sms => "sms",
        }
    }

    /// French name after "Ligne 3 ", with its article ("du corps HTML").
    fn of_fr(self) -> &'static str {
        match self {
            Part::Subject => "de l’objet",
            Part::Html => "du corps HTML",
            Part::Text => "de la version texte",
            Part::Sms => "du SMS",
        }
    }

    /// French name at the start of a sentence ("Corps HTML").
    fn title_fr(self) -> &'static str {
        match self {
            Part::Subject => "Objet",
            Part::Html => "Corps HTML",
            Part::Text => "Version texte",
            Part::Sms => "SMS",
        }
    }

    /// English name after "Line 3 of ".
    fn of_en(self) -> &'static str {
        match self {
            Part::Subject => "the subject",
            Part::Html => "the HTML body",
            Part::Text => "the text body",
            Part::Sms => "the SMS",
        }
    }

    /// English name at the start of a sentence.
    fn title_en(self) -> &'static str {
        match self {
            Part::Subject => "Subject",
            Part::Html => "HTML body",
            Part::Text => "Text body",
            Part::Sms => "SMS",
        }
    }
}

/// What went wrong with a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateErrorKind {
    /// The template does not parse, or fails while rendering (unknown filter, bad operation).
    Syntax,
    /// The template reads a variable that is not a known merge field.
    UnknownField,
    /// The template ran out of fuel or asked for too large a `range`.
    TooExpensive,
}

/// A template problem, located in a part and (when known) on a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// Part in which the problem is.
    pub part: Part,
    /// 1-based line in that part's source, when known.
    pub line: Option<usize>,
    /// Kind of problem.
    pub kind: TemplateErrorKind,
    /// For `UnknownField`, the field name; otherwise minijinja's (English) detail.
    pub detail: String,
}

/// Prefixes of details this module writes itself, translated in French messages.
const UNKNOWN_FILTER: &str = "unknown filter ";
const UNKNOWN_TEST: &str = "unknown test ";

impl TemplateError {
    /// Message for the user, in French: "Ligne 3 du corps HTML : champ inconnu « prenom »."
    pub fn message_fr(&self) -> String {
        let what = match self.kind {
            TemplateErrorKind::UnknownField => format!("champ inconnu « {} »", self.detail),
            TemplateErrorKind::TooExpensive => "modèle trop coûteux à générer (boucle trop longue ?)".to_string(),
            TemplateErrorKind::Syntax => {
                if let Some(name) = self.detail.strip_prefix(UNKNOWN_FILTER) {
                    format!("filtre inconnu « {} »", unquote(name))
                } else if let Some(name) = self.detail.strip_prefix(UNKNOWN_TEST) {
                    format!("test inconnu « {} »", unquote(name))
                } else {
                    format!("erreur de syntaxe ({})", self.detail)
                }
            }
        };
        match self.line {
            Some(line) => format!("Ligne {line} {} : {what}.", self.part.of_fr()),
            None => format!("{} : {what}.", self.part.title_fr()),
        }
    }

    /// Message for the user, in English: "Line 3 of the HTML body: unknown field “prenom”."
    pub fn message_en(&self) -> String {
        let what = match self.kind {
            TemplateErrorKind::UnknownField => format!("unknown field “{}”", self.detail),
            TemplateErrorKind::TooExpensive => "the template is too expensive to render (loop too long?)".to_string(),
            TemplateErrorKind::Syntax => {
                if self.detail.starts_with(UNKNOWN_FILTER) || self.detail.starts_with(UNKNOWN_TEST) {
                    self.detail.clone()
                } else {
                    format!("syntax error ({})", self.detail)
                }
            }
        };
        match self.line {
            Some(line) => format!("Line {line} of {}: {what}.", self.part.of_en()),
            None => format!("{}: {what}.", self.part.title_en()),
        }
    }
}

/// Strips the “” quotes this module puts around names.
fn unquote(name: &str) -> &str {
    name.trim_start_matches('“').trim_end_matches('”')
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for TemplateError {}

/// Maps a minijinja error (compile or render) to a `TemplateError` of `part`.
fn from_minijinja(part: Part, err: &minijinja::Error) -> TemplateError {
    let detail = err.detail().map(str::to_string).unwrap_or_else(|| err.kind().to_string());
    let kind = match err.kind() {
        ErrorKind::OutOfFuel => TemplateErrorKind::TooExpensive,
        ErrorKind::InvalidOperation if detail == RANGE_TOO_LARGE => TemplateErrorKind::TooExpensive,
        _ => TemplateErrorKind::Syntax,
    };
    TemplateError { part, line: err.line(), kind, detail }
}

/// `default(value, other="", boolean=false)`: like the builtin, but an empty string and
/// `none` are replaced as well as undefined, so a contact whose first name is blank still
/// gets `{{ first_name | default("client") }}` → "client". With `boolean=true` every falsy
/// value (0, false, empty list) is replaced too. Also accepts Jinja2's `default_value=`.
fn default_filter(
    value: &Value,
    other: Option<Value>,
    boolean: Option<Value>,
    kwargs: Kwargs,
) -> Result<Value, minijinja::Error> {
    let other = match other {
        Some(other) => other,
        None => match kwargs.get::<Option<Value>>("other")? {
            Some(other) => other,
            None => kwargs.get::<Option<Value>>("default_value")?.unwrap_or_else(|| Value::from("")),
        },
    };
    let boolean = match boolean {
        Some(boolean) => boolean.is_true(),
        None => kwargs.get::<Option<bool>>("boolean")?.unwrap_or(false),
    };
    kwargs.assert_all_used()?;
    let missing = value.is_undefined() || value.is_none() || value.as_str() == Some("");
    if missing || (boolean && !value.is_true()) { Ok(other) } else { Ok(value.clone()) }
}

/// French month names, January first.
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// `date_fr`: "1985-03-07" (or an ISO date-time) → "7 mars 1985", "1er" for the first day.
/// Missing values give ""; a value that is not an ISO date is left as is, so one bad record
/// does not stop a send.
fn date_fr(value: &Value) -> Value {
    if value.is_undefined() || value.is_none() {
        return Value::from("");
    }
    let Some(text) = value.as_str() else {
        return value.clone();
    };
    let trimmed = text.trim();
    let parsed = trimmed.get(..10).and_then(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok());
    match parsed {
        Some(date) => {
            let month = MONTHS_FR[date.month0() as usize];
            let day = match date.day() {
                1 => "1er".to_string(),
                day => day.to_string(),
            };
            Value::from(format!("{day} {month} {}", date.year()))
        }
        None => value.clone(),
    }
}

/// `range(upper)` / `range(lower, upper, step)` refusing more than `MAX_RANGE` items.
fn bounded_range(lower: i64, upper: Option<i64>, step: Option<i64>) -> Result<Value, minijinja::Error> {
    let (start, end) = match upper {
        Some(upper) => (lower, upper),
        None => (0, lower),
    };
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(minijinja::Error::new(ErrorKind::InvalidOperation, "cannot create range with step of 0"));
    }
    // i128 so that extreme bounds cannot overflow while counting.
    let (span, by) = (i128::from(end) - i128::from(start), i128::from(step));
    let len = if (span > 0) == (by > 0) && span != 0 { (span.abs() + by.abs() - 1) / by.abs() } else { 0 };
    if len > MAX_RANGE as i128 {
        return Err(minijinja::Error::new(ErrorKind::InvalidOperation, RANGE_TOO_LARGE));
    }
    let items: Vec<i64> = (0..len as i64).map(|i| start + i * step).collect();
    Ok(Value::from(items))
}

/// Builds the environment for one part: escaping, lenient undefined, fuel and our filters.
fn environment(part: Part) -> Environment<'static> {
    let mut env = Environment::new();
    let escape = if part == Part::Html { AutoEscape::Html } else { AutoEscape::None };
    env.set_auto_escape_callback(move |_| escape);
    // Chainable: `custom.loyalty_tier` on a contact without custom fields is undefined, not
    // an error, so `default` can take over.
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    // `none` (a JSON null merge value) prints as nothing rather than "none".
    env.set_formatter(
        |out, state, value| {
            if value.is_none() { Ok(()) } else { minijinja::escape_formatter(out, state, value) }
        },
    );
    env.set_fuel(Some(FUEL));
    env.add_filter("default", default_filter);
    env.add_filter("d", default_filter);
    env.add_filter("date_fr", date_fr);
    env.add_function("range", bounded_range);
    env
}

/// Renders one part with the merge values (a JSON object: `{"first_name": "Zoé", "custom":
/// {"loyalty_tier": "or"}, "unsubscribe_url": "..."}`). Unknown contact fields should be left
/// out of `values` (see the module documentation).
pub fn render(part: Part, source: &str, values: &serde_json::Value) -> Result<String, TemplateError> {
    let env = environment(part);
    let template =
        env.template_from_named_str(part.template_name(), source).map_err(|err| from_minijinja(part, &err))?;
    template.render(Value::from_serialize(values)).map_err(|err| from_minijinja(part, &err))
}

/// Checks one part when a template is saved: syntax (including unknown filter and test
/// names), and that every variable it reads is one of `fields` (names like "first_name",
/// "custom.loyalty_tier", "unsubscribe_url"; a name with a dot means the nested attribute).
///
/// Loop variables, `{% set %}` names and global functions (`range`...) are not fields. A
/// bare `custom` is accepted when some field starts with "custom."; `first_name.x` is
/// accepted when "first_name" is a field. Of several unknown fields, the one appearing first
/// in the source is reported, with its line.
pub fn check(part: Part, source: &str, fields: &[String]) -> Result<(), TemplateError> {
    let env = environment(part);
    let template =
        env.template_from_named_str(part.template_name(), source).map_err(|err| from_minijinja(part, &err))?;
    check_filters_and_tests(&env, part, &template)?;

    let globals: Vec<&str> = env.globals().map(|(name, _)| name).collect();
    let unknown = template
        .undeclared_variables(true)
        .into_iter()
        .filter(|name| !globals.contains(&name.as_str()) && !is_known_field(name, fields))
        .map(|name| (field_offset(source, &name), name))
        .min_by(|a, b| {
            let key = |x: &(Option<usize>, String)| (x.0.unwrap_or(usize::MAX), x.1.clone());
            key(a).cmp(&key(b))
        });
    match unknown {
        None => Ok(()),
        Some((offset, name)) => Err(TemplateError {
            part,
            line: offset.map(|offset| line_of(source, offset)),
            kind: TemplateErrorKind::UnknownField,
            detail: name,
        }),
    }
}

/// Refuses filters and tests the environment does not know; minijinja only notices them when
/// the branch using them runs, which would be during a send.
fn check_filters_and_tests(
    env: &Environment<'_>,
    part: Part,
    template: &minijinja::Template<'_, '_>,
) -> Result<(), TemplateError> {
    use minijinja::machinery::{Instruction, Instructions};

    let compiled = minijinja::machinery::get_compiled_template(template);
    let all: Vec<&Instructions<'_>> = std::iter::once(&compiled.instructions).chain(compiled.blocks.values()).collect();
    for instructions in all {
        for idx in 0..instructions.len() as u32 {
            let (probe, prefix, name) = match instructions.get(idx) {
                Some(Instruction::ApplyFilter(name, ..)) => (format!("{{{{ 0|{name} }}}}"), UNKNOWN_FILTER, *name),
                Some(Instruction::PerformTest(name, ..)) => (format!("{{{{ 0 is {name} }}}}"), UNKNOWN_TEST, *name),
                _ => continue,
            };
            // Only "unknown" matters: a probe failing on its dummy argument is fine.
            let unknown = matches!(
                env.render_str(&probe, ()),
                Err(err) if matches!(err.kind(), ErrorKind::UnknownFilter | ErrorKind::UnknownTest)
            );
            if unknown {
                return Err(TemplateError {
                    part,
                    line: instructions.get_line(idx),
                    kind: TemplateErrorKind::Syntax,
                    detail: format!("{prefix}“{name}”"),
                });
            }
        }
    }
    Ok(())
}

/// True when `name` (possibly dotted) is covered by `fields`.
fn is_known_field(name: &str, fields: &[String]) -> bool {
    let nested = format!("{name}.");
    fields.iter().any(|field| {
        field == name
            // A bare object ("custom") whose attributes are fields.
            || field.starts_with(&nested)
            // An attribute or method of a field ("first_name.upper").
            || (name.len() > field.len()
                && name.starts_with(field.as_str())
                && name.as_bytes()[field.len()] == b'.')
    })
}

/// Byte offset of the first appearance of `name` inside a `{{ }}` or `{% %}` tag (comments
/// skipped). For a dotted name not found as written, its first segment is searched instead.
fn field_offset(source: &str, name: &str) -> Option<usize> {
    find_in_tags(source, name).or_else(|| {
        let head = name.split('.').next()?;
        (head != name).then(|| find_in_tags(source, head)).flatten()
    })
}

/// Offset of `name` as a whole identifier inside template tags.
fn find_in_tags(source: &str, name: &str) -> Option<usize> {
    let mut pos = 0;
    while let Some(found) = source[pos..].find('{') {
        let open = pos + found;
        let close = match source.get(open + 1..open + 2) {
            Some("{") => "}}",
            Some("%") => "%}",
            Some("#") => "#}",
            _ => {
                pos = open + 1;
                continue;
            }
        };
        let start = open + 2;
        let end = source[start..].find(close).map_or(source.len(), |i| start + i);
        if close != "#}"
            && let Some(offset) = find_identifier(&source[start..end], name)
        {
            return Some(start + offset);
        }
        pos = (end + 2).min(source.len());
    }
    None
}

/// Offset of `name` in `text` not glued to other identifier characters.
fn find_identifier(text: &str, name: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(|c| is_ident(c) || c == '.') && !after.is_some_and(is_ident)
    })
}

/// 1-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    source[..offset].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn standard_fields() -> Vec<String> {
        fields(&[
            "first_name",
            "last_name",
            "civility",
            "birth_date",
            "custom.loyalty_tier",
            "unsubscribe_url",
            "products",
        ])
    }

    #[test]
    fn renders_simple_merge() {
        let out = render(Part::Subject, "Bonjour {{ first_name }} !", &json!({"first_name": "Zoé"})).unwrap();
        assert_eq!(out, "Bonjour Zoé !");
    }

    #[test]
    fn html_is_escaped_other_parts_are_not() {
        let values = json!({"first_name": "<script>alert('x')</script> & co"});
        let source = "Bonjour {{ first_name }}";
        let html = render(Part::Html, source, &values).unwrap();
        assert_eq!(html, "Bonjour &lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; co");
        for part in [Part::Subject, Part::Text, Part::Sms] {
            assert_eq!(render(part, source, &values).unwrap(), "Bonjour <script>alert('x')</script> & co", "{part:?}");
        }
    }

    #[test]
    fn html_literal_markup_is_kept() {
        let out = render(
            Part::Html,
            "<p>{{ first_name }}</p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a>",
            &json!({"first_name": "Zoé", "unsubscribe_url": "https://x.fr/u?t=1&c=2"}),
        )
        .unwrap();
        assert_eq!(
            out,
            // minijinja also escapes "/", harmless inside attributes.
            "<p>Zoé</p><a href=\"https:&#x2f;&#x2f;x.fr&#x2f;u?t=1&amp;c=2\">Se désinscrire</a>"
        );
    }

    #[test]
    fn default_replaces_absent_empty_and_none() {
        let source = "Bonjour {{ first_name | default(\"client\") }}";
        for values in [json!({}), json!({"first_name": ""}), json!({"first_name": null})] {
            assert_eq!(render(Part::Text, source, &values).unwrap(), "Bonjour client", "{values}");
        }
        assert_eq!(render(Part::Text, source, &json!({"first_name": "Zoé"})).unwrap(), "Bonjour Zoé");
    }

    #[test]
    fn default_signature_and_boolean() {
        let values = json!({"n": 0, "s": "x"});
        let cases = [
            ("{{ missing | default }}", ""),
            ("{{ n | default(5) }}", "0"),
            ("{{ n | default(5, true) }}", "5"),
            ("{{ n | default(5, boolean=true) }}", "5"),
            ("{{ n | default(other=5, boolean=true) }}", "5"),
            ("{{ missing | default(default_value=7) }}", "7"),
            ("{{ s | d(\"y\") }}", "x"),
            ("{{ missing | d(\"y\") }}", "y"),
        ];
        for (source, expected) in cases {
            assert_eq!(render(Part::Text, source, &values).unwrap(), expected, "{source}");
        }
        let err = render(Part::Text, "{{ s | default(1, 2, 3) }}", &values).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::Syntax);
    }

    #[test]
    fn missing_and_null_values_print_nothing() {
        let out = render(
            Part::Text,
            "[{{ first_name }}][{{ last_name }}][{{ custom.loyalty_tier }}]",
            &json!({"last_name": null}),
        )
        .unwrap();
        assert_eq!(out, "[][][]");
    }

    #[test]
    fn nested_custom_field() {
        let source = "Niveau : {{ custom.loyalty_tier | default(\"standard\") | upper }}";
        assert_eq!(render(Part::Sms, source, &json!({"custom": {"loyalty_tier": "or"}})).unwrap(), "Niveau : OR");
        assert_eq!(render(Part::Sms, source, &json!({})).unwrap(), "Niveau : STANDARD");
        assert_eq!(check(Part::Sms, source, &standard_fields()), Ok(()));
        let err = check(Part::Sms, "{{ custom.points }}", &standard_fields()).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::UnknownField);
        assert_eq!(err.detail, "custom.points");
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn bare_object_allowed_only_with_nested_fields() {
        let source = "{{ custom[\"loyalty_tier\"] }}";
        assert_eq!(check(Part::Text, source, &standard_fields()), Ok(()));
        let err = check(Part::Text, source, &fields(&["first_name"])).unwrap_err();
        assert_eq!(err.detail, "custom");
    }

    #[test]
    fn civility_condition() {
        let source = "{% if civility == \"MME\" %}Madame{% else %}Monsieur{% endif %} {{ last_name }}";
        assert_eq!(check(Part::Subject, source, &standard_fields()), Ok(()));
        let render_for = |civility: serde_json::Value| {
            render(Part::Subject, source, &json!({"civility": civility, "last_name": "Martin"})).unwrap()
        };
        assert_eq!(render_for(json!("MME")), "Madame Martin");
        assert_eq!(render_for(json!("M")), "Monsieur Martin");
        assert_eq!(render_for(json!(null)), "Monsieur Martin");
    }

    #[test]
    fn unknown_field_line_and_messages() {
        let source = "<p>Bonjour,</p>\n<p>Merci {{ first_name }}.</p>\n<p>{{ prenom }}</p>\n{{ nom }}";
        let err = check(Part::Html, source, &standard_fields()).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::UnknownField);
        assert_eq!(err.detail, "prenom");
        assert_eq!(err.line, Some(3));
        assert_eq!(err.message_fr(), "Ligne 3 du corps HTML : champ inconnu « prenom ».");
        assert_eq!(err.message_en(), "Line 3 of the HTML body: unknown field “prenom”.");
        assert_eq!(err.to_string(), err.message_en());
    }

    #[test]
    fn earliest_unknown_field_is_reported() {
        // "zzz" sorts last but appears first; "prenom" in plain text does not count.
        let source = "prenom\n{{ aaa_late if false else zzz }}\n{{ prenom }}";
        let err = check(Part::Text, source, &standard_fields()).unwrap_err();
        assert_eq!((err.detail.as_str(), err.line), ("aaa_late", Some(2)));
        let source = "prenom {# {{ prenom }} #}\n\n{{ zzz }}{{ prenom }}";
        let err = check(Part::Text, source, &standard_fields()).unwrap_err();
        assert_eq!((err.detail.as_str(), err.line), ("zzz", Some(3)));
    }

    #[test]
    fn field_name_inside_longer_name_is_not_matched() {
        let source = "{{ first_name }}\n{{ name }}";
        let err = check(Part::Text, source, &standard_fields()).unwrap_err();
        assert_eq!((err.detail.as_str(), err.line), ("name", Some(2)));
    }

    #[test]
    fn loop_set_and_globals_are_not_fields() {
        let source = "{% set greeting = \"Bonjour\" %}{{ greeting }}\n\
            {% for p in products %}{{ loop.index }}. {{ p.name }} {{ p.price }} €\n{% endfor %}\
            {% for i in range(3) %}{{ i }}{% endfor %}\
            {% with x = first_name %}{{ x }}{% endwith %}\
            {{ first_name | upper }}";
        assert_eq!(check(Part::Text, source, &standard_fields()), Ok(()));
        let out = render(Part::Text, source, &json!({"first_name": "zoé", "products": [{"name": "Sac", "price": 30}]}))
            .unwrap();
        assert_eq!(out, "Bonjour\n1. Sac 30 €\n012zoéZOÉ");
    }

    #[test]
    fn syntax_error_has_line() {
        let source = "Bonjour\n{{ first_name }}\n{% if civility %}Madame\n{{ last_name }";
        let err = check(Part::Text, source, &standard_fields()).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::Syntax);
        assert_eq!(err.line, Some(4));
        assert!(err.message_fr().starts_with("Ligne 4 de la version texte : erreur de syntaxe ("));
        assert!(err.message_en().starts_with("Line 4 of the text body: syntax error ("));
        let err = render(Part::Sms, "{% for %}", &json!({})).unwrap_err();
        assert_eq!((err.kind, err.line), (TemplateErrorKind::Syntax, Some(1)));
        assert!(err.message_fr().starts_with("Ligne 1 du SMS : erreur de syntaxe ("));
    }

    #[test]
    fn unclosed_block_is_a_syntax_error() {
        let err = check(Part::Subject, "{% if civility %}Madame", &standard_fields()).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::Syntax);
        assert!(err.line.is_some());
    }

    #[test]
    fn unknown_filter_is_caught_at_save_time() {
        let source = "{% if false %}\n{{ first_name | capitalise }}\n{% endif %}";
        // Rendering skips the branch, so only `check` can see it.
        assert_eq!(render(Part::Text, source, &json!({})).unwrap(), "");
        let err = check(Part::Text, source, &standard_fields()).unwrap_err();
        assert_eq!((err.kind, err.line), (TemplateErrorKind::Syntax, Some(2)));
        assert_eq!(err.message_fr(), "Ligne 2 de la version texte : filtre inconnu « capitalise ».");
        assert_eq!(err.message_en(), "Line 2 of the text body: unknown filter “capitalise”.");
        let err = check(Part::Text, "{% if first_name is blurb %}{% endif %}", &standard_fields()).unwrap_err();
        assert_eq!(err.message_fr(), "Ligne 1 de la version texte : test inconnu « blurb ».");
        let ok = "{{ first_name | capitalize | title | upper | date_fr | default(\"x\", true) | d }}\
            {% if first_name is defined and first_name is string %}{% endif %}";
        assert_eq!(check(Part::Text, ok, &standard_fields()), Ok(()));
    }

    #[test]
    fn runaway_loop_is_too_expensive() {
        let err = render(Part::Html, "{% for i in range(100000000) %}{{ i }}{% endfor %}", &json!({})).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::TooExpensive);
        assert_eq!(err.line, Some(1));
        let err = render(
            Part::Text,
            "{% for i in range(10000) %}{% for j in range(10000) %}{{ j }}{% endfor %}{% endfor %}",
            &json!({}),
        )
        .unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::TooExpensive);
        assert_eq!(
            err.message_fr(),
            "Ligne 1 de la version texte : modèle trop coûteux à générer (boucle trop longue ?)."
        );
        let products: Vec<_> = (0..100).map(|i| json!({"name": "x", "price": i})).collect();
        let err = render(
            Part::Text,
            "{% for a in products %}{% for b in products %}{% for c in products %}{{ c.price }}{% endfor %}{% endfor %}{% endfor %}",
            &json!({"products": products}),
        )
        .unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::TooExpensive);
    }

    #[test]
    fn bounded_range_matches_builtin_semantics() {
        let cases = [
            ("{{ range(4) | join(\",\") }}", "0,1,2,3"),
            ("{{ range(2, 5) | join(\",\") }}", "2,3,4"),
            ("{{ range(10, 0, -3) | join(\",\") }}", "10,7,4,1"),
            ("{{ range(0, 10, 4) | join(\",\") }}", "0,4,8"),
            ("{{ range(5, 2) | join(\",\") }}", ""),
            ("{{ range(10000) | length }}", "10000"),
        ];
        for (source, expected) in cases {
            assert_eq!(render(Part::Text, source, &json!({})).unwrap(), expected, "{source}");
        }
        let err = render(Part::Text, "{{ range(10001) }}", &json!({})).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::TooExpensive);
        let err = render(Part::Text, "{{ range(1, 5, 0) }}", &json!({})).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::Syntax);
    }

    #[test]
    fn large_email_renders_within_fuel() {
        // ~50 KB of markup with merges, a condition and a 200-product loop.
        let block = "<tr><td style=\"padding:8px;font-family:Arial\">Lorem ipsum dolor sit amet, \
            consectetur adipiscing elit, {{ first_name }}.</td></tr>\n";
        let mut source = String::from("<html><body><table>\n");
        while source.len() < 48_000 {
            source.push_str(block);
        }
        source.push_str(
            "{% for p in products %}<tr><td>{{ loop.index }}</td><td>{{ p.name | upper }}</td>\
             <td>{{ p.price }} €</td>{% if p.price > 50 %}<td>Premium</td>{% endif %}</tr>\n{% endfor %}",
        );
        source.push_str("</table><a href=\"{{ unsubscribe_url }}\">Désinscription</a></body></html>");
        assert!(source.len() > 45_000);
        let products: Vec<_> = (0..200).map(|i| json!({"name": format!("produit {i}"), "price": i})).collect();
        let values = json!({"first_name": "Zoé", "products": products, "unsubscribe_url": "u"});
        assert_eq!(check(Part::Html, &source, &standard_fields()), Ok(()));
        let out = render(Part::Html, &source, &values).unwrap();
        assert!(out.len() > 45_000);
        assert!(out.contains("PRODUIT 199"));
    }

    #[test]
    fn date_fr_formats_french_dates() {
        let cases = [
            ("1985-03-07", "7 mars 1985"),
            ("2024-01-01", "1er janvier 2024"),
            ("2024-08-15T10:30:00Z", "15 août 2024"),
            ("1999-12-31", "31 décembre 1999"),
            ("2024-02-01", "1er février 2024"),
            ("pas une date", "pas une date"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(
                render(Part::Text, "{{ birth_date | date_fr }}", &json!({"birth_date": input})).unwrap(),
                expected,
                "{input}"
            );
        }
        for values in [json!({}), json!({"birth_date": null})] {
            assert_eq!(render(Part::Text, "[{{ birth_date | date_fr | default(\"?\") }}]", &values).unwrap(), "[?]");
        }
    }

    #[test]
    fn messages_without_line() {
        let err = TemplateError {
            part: Part::Subject,
            line: None,
            kind: TemplateErrorKind::UnknownField,
            detail: "prenom".into(),
        };
        assert_eq!(err.message_fr(), "Objet : champ inconnu « prenom ».");
        assert_eq!(err.message_en(), "Subject: unknown field “prenom”.");
    }

    #[test]
    fn known_field_rules() {
        let f = standard_fields();
        assert!(is_known_field("first_name", &f));
        assert!(is_known_field("custom", &f));
        assert!(is_known_field("custom.loyalty_tier", &f));
        assert!(is_known_field("first_name.upper", &f));
        assert!(!is_known_field("custom.points", &f));
        assert!(!is_known_field("first", &f));
        assert!(!is_known_field("first_names", &f));
        assert!(!is_known_field("cust", &f));
    }
}
