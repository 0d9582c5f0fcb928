//! Open and click tracking of e-mail HTML: off by default, used only when a tenant turns it on.
//!
//! Links are rewritten with lol_html, a streaming HTML rewriter, rather than with string
//! searches: it finds real `<a href>` attributes (not text that looks like one, not comments)
//! whatever their quoting and case. lol_html hands attribute values over raw (entities still
//! encoded) and only escapes `"` when writing them back, so decoding and escaping are done
//! here.
//!
//! Positions: a link's position is its index among the http(s) links of the body, in
//! document order, exactly as [`links`] lists them. Kept links (the unsubscribe link) have a
//! position too but are not rewritten, so positions stay the same whichever links are kept.

use std::cell::Cell;
use std::rc::Rc;

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, end, end_tag, rewrite_str};

/// Why the HTML could not be rewritten.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TrackingError {
    /// lol_html refused the document (a parsing ambiguity it will not guess about, a memory
    /// limit): the message should be sent untracked rather than with broken links.
    #[error("HTML rewriting failed: {0}")]
    Html(String),
}

/// Rewrites every http(s) link (`<a href>`) of the HTML through `rewrite` (which returns the
/// tracked URL for the original and the link's position), leaving `mailto:`, `tel:`, anchors
/// (`#...`) and the unsubscribe link (any href equal to one of `keep`) untouched; appends an
/// open pixel `<img src="{pixel_url}" width="1" height="1" alt="" style="display:none">`
/// before `</body>` (or at the end when there is no body end tag) when `pixel_url` is Some.
///
/// `rewrite` receives the href with its HTML entities decoded (`&amp;` is `&`) and surrounding
/// whitespace trimmed; what it returns is attribute-escaped before it is written back.
/// Positions are those of [`links`] (see the module documentation).
pub fn rewrite_links(
    html: &str,
    keep: &[&str],
    pixel_url: Option<&str>,
    mut rewrite: impl FnMut(&str, usize) -> String,
) -> Result<String, TrackingError> {
    let mut position = 0usize;
    let pixel = pixel_url.map(|url| {
        format!(r#"<img src="{}" width="1" height="1" alt="" style="display:none">"#, escape_attribute(url))
    });
    // Whether the pixel went in before a </body>, and whether a body was already seen
    // (malformed documents may hold several: the pixel goes in once).
    let placed = Rc::new(Cell::new(false));
    let body_seen = Cell::new(false);

    let mut settings = RewriteStrSettings::new().append_element_content_handler(element!("a[href]", |el| {
        let Some(raw) = el.get_attribute("href") else {
            return Ok(());
        };
        let href = decode_entities(&raw);
        let href = href.trim_matches(is_html_space);
        if !is_web_link(href) {
            return Ok(());
        }
        let here = position;
        position += 1;
        if keep.iter().any(|k| *k == href || *k == raw) {
            return Ok(());
        }
        let tracked = rewrite(href, here);
        el.set_attribute("href", &escape_attribute(&tracked))?;
        Ok(())
    }));
    if let Some(pixel) = &pixel {
        let pixel_for_body = pixel.clone();
        let placed_in_body = Rc::clone(&placed);
        settings = settings.append_element_content_handler(element!("body", move |el| {
            if body_seen.replace(true) {
                return Ok(());
            }
            let pixel = pixel_for_body.clone();
            let placed = Rc::clone(&placed_in_body);
            el.on_end_tag(end_tag!(move |end| {
                end.before(&pixel, ContentType::Html);
                placed.set(true);
                Ok(())
            }))
        }));
        settings = settings.append_document_content_handler(end!(|end| {
            // No </body> (absent, or closed implicitly): at the very end.
            if !placed.get() {
                end.append(pixel, ContentType::Html);
            }
            Ok(())
        }));
    }

    rewrite_str(html, settings).map_err(|e| TrackingError::Html(e.to_string()))
}

/// The http(s) links of an HTML body in document order, entities decoded and trimmed (for
/// the campaign's click statistics labels); index `i` is the position [`rewrite_links`] gives
/// to that link. A document lol_html refuses yields the links read before the refusal.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("a[href]", |el| {
        if let Some(raw) = el.get_attribute("href") {
            let href = decode_entities(&raw);
            let href = href.trim_matches(is_html_space);
            if is_web_link(href) {
                found.push(href.to_owned());
            }
        }
        Ok(())
    }));
    // Only the handler's side effect matters; on an error, keep what was read.
    let _ = rewrite_str(html, settings);
    found
}

/// ASCII whitespace as HTML defines it, which browsers strip around URLs.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r')
}

/// An absolute http(s) URL: the only links worth tracking (mailto:, tel:, anchors, relative
/// and javascript: links are left alone).
fn is_web_link(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Escapes a value for a double-quoted HTML attribute.
fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Decodes the character references that can appear in a URL attribute: numeric ones
/// (`&#38;`, `&#x26;`) and the named ones a URL may hold. Unknown or unterminated references
/// are kept as written, as a browser would for most of them.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // The longest reference we know is short: look for its ';' nearby only.
        let end = rest[1..].char_indices().take(12).find(|&(_, c)| c == ';').map(|(i, _)| i + 1);
        let decoded = end.and_then(|end| decode_reference(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One reference's name (between `&` and `;`) to its character.
fn decode_reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        // NUL and non-characters become U+FFFD, as in HTML.
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}'));
    }
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "equals" => '=',
        "quest" => '?',
        "sol" => '/',
        "colon" => ':',
        "num" => '#',
        "percnt" => '%',
        "period" => '.',
        "commat" => '@',
        "plus" => '+',
        "comma" => ',',
        "semi" => ';',
        "lowbar" => '_',
        "hyphen" | "dash" => '-',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWSLETTER: &str = r##"<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Soldes</title></head>
<body>
<p>Bonjour Élodie,</p>
<p><a href="https://boutique.example.fr/soldes?utm_source=crm&amp;utm_medium=email">Les soldes</a></p>
<p><A HREF='http://blog.example.fr/article'>Notre blog</A></p>
<p><a href="mailto:contact@example.fr">Écrivez-nous</a> ou <a href="tel:+33123456789">appelez</a>.</p>
<p><a href="#haut">Haut de page</a></p>
<p><a href="https://crm.example.fr/u/abc.def">Se désinscrire</a></p>
</body>
</html>"##;

    const UNSUBSCRIBE: &str = "https://crm.example.fr/u/abc.def";

    fn tracked(url: &str, pos: usize) -> String {
        format!("https://t.example.fr/c/{pos}?u={}&s=sig", url.len())
    }

    #[test]
    fn links_are_listed_in_order_decoded() {
        assert_eq!(
            links(NEWSLETTER),
            vec![
                "https://boutique.example.fr/soldes?utm_source=crm&utm_medium=email",
                "http://blog.example.fr/article",
                UNSUBSCRIBE,
            ]
        );
    }

    #[test]
    fn two_links_rewritten_others_untouched() {
        let mut seen = Vec::new();
        let out = rewrite_links(NEWSLETTER, &[UNSUBSCRIBE], None, |url, pos| {
            seen.push((url.to_owned(), pos));
            tracked(url, pos)
        })
        .unwrap();
        assert_eq!(
            seen,
            vec![
                ("https://boutique.example.fr/soldes?utm_source=crm&utm_medium=email".to_owned(), 0),
                ("http://blog.example.fr/article".to_owned(), 1),
            ]
        );
        // The new hrefs are attribute-escaped (& as &amp;).
        assert!(out.contains(r#"<a href="https://t.example.fr/c/0?u=66&amp;s=sig">Les soldes</a>"#), "{out}");
        assert!(out.contains(r#"HREF="https://t.example.fr/c/1?u=30&amp;s=sig">Notre blog</A>"#), "{out}");
        assert!(out.contains(r#"<a href="mailto:contact@example.fr">"#));
        assert!(out.contains(r#"<a href="tel:+33123456789">"#));
        assert!(out.contains(r##"<a href="#haut">"##));
        assert!(out.contains(r#"<a href="https://crm.example.fr/u/abc.def">Se désinscrire</a>"#));
        assert!(!out.contains("<img"));
        // Nothing else changed.
        assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(out.contains("<p>Bonjour Élodie,</p>"));
    }

    #[test]
    fn pixel_added_once_before_body_end() {
        let pixel = "https://t.example.fr/o/x?a=1&b=2";
        let out = rewrite_links(NEWSLETTER, &[UNSUBSCRIBE], Some(pixel), tracked).unwrap();
        let img =
            r#"<img src="https://t.example.fr/o/x?a=1&amp;b=2" width="1" height="1" alt="" style="display:none">"#;
        assert_eq!(out.matches("<img").count(), 1, "{out}");
        assert!(out.contains(&format!("{img}</body>")), "{out}");

        // Two bodies (malformed): still once.
        let two = "<body><a href='https://a.fr'>a</a></body><body>b</body>";
        let out = rewrite_links(two, &[], Some(pixel), tracked).unwrap();
        assert_eq!(out.matches("<img").count(), 1, "{out}");
    }

    #[test]
    fn pixel_at_the_end_without_body() {
        let pixel = "https://t.example.fr/o/y";
        let fragment = r#"<p>Salut <a href="https://a.fr/">ici</a></p>"#;
        let out = rewrite_links(fragment, &[], Some(pixel), tracked).unwrap();
        assert!(out.starts_with(r#"<p>Salut <a href="https://t.example.fr/c/0?u=13&amp;s=sig">ici</a></p>"#), "{out}");
        assert!(
            out.ends_with(r#"<img src="https://t.example.fr/o/y" width="1" height="1" alt="" style="display:none">"#),
            "{out}"
        );
        assert_eq!(out.matches("<img").count(), 1);

        // A body that is never closed.
        let open = "<html><body><p>x</p>";
        let out = rewrite_links(open, &[], Some(pixel), tracked).unwrap();
        assert_eq!(out.matches("<img").count(), 1, "{out}");
        assert!(out.ends_with(r#"style="display:none">"#), "{out}");
    }

    #[test]
    fn entities_and_quotes_round_trip() {
        let html = r#"<a href=" https://a.fr/p?x=1&amp;y=&#x27;2&#39;&amp;z=%22 ">x</a>"#;
        let mut got = String::new();
        let out = rewrite_links(html, &[], None, |url, _| {
            got = url.to_owned();
            format!("https://t.fr/c?u={url}\"<")
        })
        .unwrap();
        assert_eq!(got, "https://a.fr/p?x=1&y='2'&z=%22");
        assert_eq!(out, r#"<a href="https://t.fr/c?u=https://a.fr/p?x=1&amp;y='2'&amp;z=%22&quot;&lt;">x</a>"#);
    }

    #[test]
    fn kept_link_matches_decoded_or_raw() {
        let html = r#"<a href="https://crm.fr/u?t=a&amp;c=b">désinscription</a><a href="https://x.fr">x</a>"#;
        let out = rewrite_links(html, &["https://crm.fr/u?t=a&c=b"], None, tracked).unwrap();
        assert!(out.starts_with(r#"<a href="https://crm.fr/u?t=a&amp;c=b">"#), "{out}");
        // The kept link still takes position 0.
        assert!(out.contains("https://t.example.fr/c/1?"), "{out}");
        let out = rewrite_links(html, &["https://crm.fr/u?t=a&amp;c=b"], None, tracked).unwrap();
        assert!(out.starts_with(r#"<a href="https://crm.fr/u?t=a&amp;c=b">"#), "{out}");
    }

    #[test]
    fn decoding() {
        assert_eq!(decode_entities("a&amp;b&lt;&#65;&#x42;&unknown;&"), "a&b<AB&unknown;&");
        assert_eq!(decode_entities("&#0;&#xFFFFFFFF;&#;"), "\u{fffd}\u{fffd}&#;");
        assert_eq!(decode_entities("sans entité"), "sans entité");
        assert_eq!(decode_entities("&amp"), "&amp");
    }

    #[test]
    fn no_links_no_change() {
        let html = "<p>Rien à suivre, <a>pas de lien</a> <a href=\"/relatif\">relatif</a></p>";
        assert_eq!(rewrite_links(html, &[], None, tracked).unwrap(), html);
        assert!(links(html).is_empty());
    }
}
