//! Page paths as the audience measurement keeps them: the route pattern, never an id or a
//! query string. `/contacts/0193f1c2-…/edit?tab=consent` becomes `/contacts/:id/edit`.

/// The longest path accepted from a client, before normalisation.
pub const MAX_RAW_LENGTH: usize = 2048;
/// The most segments a normalised path keeps (the web app's deepest route has four).
pub const MAX_SEGMENTS: usize = 8;
const MAX_WORD_LENGTH: usize = 40;

/// Why a path was refused.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum PathError {
    TooLong,
    NotAbsolute,
    TooDeep,
}

/// A normalised page path: only lower-case words and `:id`.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PagePath(String);

impl PagePath {
    /// Drops the query string and fragment, empty segments and a trailing slash, and replaces
    /// every segment that is not a plain lower-case word (`contacts`, `api-tokens`) with `:id`:
    /// UUIDs, numbers, and anything else that could carry an identifier or personal data.
    pub fn parse(raw: &str) -> Result<PagePath, PathError> {
        if raw.len() > MAX_RAW_LENGTH {
            return Err(PathError::TooLong);
        }
        let path = raw.split(['?', '#']).next().unwrap_or_default();
        if !path.starts_with('/') {
            return Err(PathError::NotAbsolute);
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segments.len() > MAX_SEGMENTS {
            return Err(PathError::TooDeep);
        }
        let normalised: Vec<&str> =
            segments.into_iter().map(|segment| if is_word(segment) { segment } else { ":id" }).collect();
        Ok(PagePath(format!("/{}", normalised.join("/"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `contacts`, `api-tokens`, `new`: lower-case letters in dash-separated words, no digit.
fn is_word(segment: &str) -> bool {
    segment.len() <= MAX_WORD_LENGTH
        && segment.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(raw: &str) -> String {
        PagePath::parse(raw).unwrap().as_str().to_owned()
    }

    #[test]
    fn ids_become_placeholders_and_routes_stay() {
        assert_eq!(norm("/contacts/0193f1c2-7a4b-7cde-8f00-123456789abc"), "/contacts/:id");
        assert_eq!(norm("/contacts/0193f1c27a4b7cde8f00123456789abc/edit"), "/contacts/:id/edit");
        assert_eq!(norm("/postal/runs/42"), "/postal/runs/:id");
        assert_eq!(norm("/admin/api-tokens"), "/admin/api-tokens");
        assert_eq!(norm("/segments/new"), "/segments/new");
        assert_eq!(norm("/"), "/");
    }

    #[test]
    fn query_strings_fragments_and_slashes_are_dropped() {
        assert_eq!(norm("/contacts?search=dupont@example.fr"), "/contacts");
        assert_eq!(norm("/contacts/#top"), "/contacts");
        assert_eq!(norm("//imports///new/"), "/imports/new");
    }

    #[test]
    fn anything_that_is_not_a_plain_word_is_hidden() {
        assert_eq!(norm("/contacts/jean.dupont@example.fr"), "/contacts/:id");
        assert_eq!(norm("/contacts/Dupont"), "/contacts/:id");
        assert_eq!(norm("/contacts/caf%C3%A9"), "/contacts/:id");
        assert_eq!(norm("/a--b/-x/y-"), "/:id/:id/:id");
    }

    #[test]
    fn bad_paths_are_refused() {
        assert_eq!(PagePath::parse("contacts"), Err(PathError::NotAbsolute));
        assert_eq!(PagePath::parse(""), Err(PathError::NotAbsolute));
        assert_eq!(PagePath::parse("https://evil.test/contacts"), Err(PathError::NotAbsolute));
        assert_eq!(PagePath::parse(&format!("/{}", "a".repeat(MAX_RAW_LENGTH))), Err(PathError::TooLong));
        assert_eq!(PagePath::parse("/a/b/c/d/e/f/g/h/i"), Err(PathError::TooDeep));
    }
}
