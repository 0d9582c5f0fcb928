//! The PDF: typst as a library. One [`Renderer`] holds the fonts (embedded in the binary,
//! from `typst-assets`), the typst standard library and the template, built once; each
//! document is a small [`World`] over them: the fixed template `/main.typ`, its data
//! `/data.json` and the CII XML `/factur-x.xml` that the template attaches.
//!
//! typst-pdf writes a PDF/A-3b with the XML as an associated file (AFRelationship /Data);
//! the Factur-X XMP extension schema, which typst has no option for, is then added to the
//! document's XMP metadata by [`crate::xmp`].

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Datelike;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::mentions::view;
use crate::validate::validate;
use crate::{DocumentError, InvoiceDocument, check_cii, cii_xml, html, xmp};

/// The name of the attached CII XML, as Factur-X requires.
pub const FACTURX_FILE_NAME: &str = "factur-x.xml";

const TEMPLATE: &str = include_str!("invoice.typ");
/// The font families the template uses: only these are loaded.
const FAMILIES: [&str; 1] = ["Libertinus Serif"];
/// Every this many documents, typst's memoization caches are trimmed.
const EVICT_EVERY: usize = 32;

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Renders documents: HTML, PDF, Factur-X. Build it once (it parses the fonts and builds the
/// typst library, a few milliseconds) and share it: it is `Send + Sync`.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    data_id: FileId,
    xml_id: FileId,
    rendered: AtomicUsize,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").field("fonts", &self.fonts.len()).finish_non_exhaustive()
    }
}

/// One document's view of the renderer.
struct DocWorld<'a> {
    renderer: &'a Renderer,
    data: Bytes,
    xml: Bytes,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.renderer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.renderer.book
    }

    fn main(&self) -> FileId {
        self.renderer.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.renderer.main.id() { Ok(self.renderer.main.clone()) } else { Err(FileError::NotSource) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.renderer.data_id {
            Ok(self.data.clone())
        } else if id == self.renderer.xml_id {
            Ok(self.xml.clone())
        } else if id == self.renderer.main.id() {
            Ok(Bytes::from_string(self.renderer.main.clone()))
        } else {
            Err(FileError::NotFound(id.get().vpath().get_with_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.renderer.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Documents are dated by their issue date, never by the clock.
        None
    }
}

fn diagnostics<'a>(errors: impl IntoIterator<Item = &'a SourceDiagnostic>) -> String {
    errors.into_iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join(" ; ")
}

impl Renderer {
    /// Loads the embedded fonts and builds the typst library.
    pub fn new() -> Result<Self, DocumentError> {
        let mut fonts = Vec::new();
        for data in typst_assets::fonts() {
            for font in Font::iter(Bytes::new(data)) {
                if FAMILIES.contains(&font.info().family.as_str()) {
                    fonts.push(font);
                }
            }
        }
        if fonts.is_empty() {
            return Err(DocumentError::Fonts(FAMILIES.join(", ")));
        }
        let book = FontBook::from_fonts(&fonts);
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            main: Source::new(file_id("/main.typ"), TEMPLATE.to_owned()),
            data_id: file_id("/data.json"),
            xml_id: file_id(&format!("/{FACTURX_FILE_NAME}")),
            rendered: AtomicUsize::new(0),
        })
    }

    /// The printable HTML page (self-contained, French). It renders whatever it is given;
    /// call [`crate::validate`] first to refuse an inconsistent document.
    pub fn html(&self, doc: &InvoiceDocument) -> String {
        html::render(&view(doc))
    }

    /// The PDF of the document. It is the Factur-X file ([`Renderer::facturx`]): one PDF/A-3b
    /// that a person reads and a platform parses.
    pub fn pdf(&self, doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
        self.facturx(doc)
    }

    /// The Factur-X file: a PDF/A-3b with embedded fonts, the EN 16931 CII XML attached as
    /// `factur-x.xml` (AFRelationship /Data) and the Factur-X XMP metadata (profile EN 16931).
    /// The document is validated first, and so is its XML ([`check_cii`]).
    pub fn facturx(&self, doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
        validate(doc)?;
        let xml = cii_xml(doc);
        check_cii(&xml).map_err(DocumentError::InvalidXml)?;
        let data = serde_json::to_vec(&view(doc)).map_err(|e| DocumentError::Typst(e.to_string()))?;
        let world = DocWorld { renderer: self, data: Bytes::new(data), xml: Bytes::from_string(xml) };
        let compiled = typst::compile::<PagedDocument>(&world).output;
        let count = self.rendered.fetch_add(1, Ordering::Relaxed) + 1;
        if count.is_multiple_of(EVICT_EVERY) {
            typst::comemo::evict(EVICT_EVERY);
        }
        let document = compiled.map_err(|errors| DocumentError::Typst(diagnostics(errors.iter())))?;
        let date = doc.issue_date;
        let timestamp =
            Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0).map(Timestamp::new_utc);
        let options = PdfOptions {
            ident: Smart::Custom(format!("crm360/{}", doc.number.trim())),
            creator: Smart::Custom(Some("crm360".to_owned())),
            timestamp,
            standards: PdfStandards::new(&[PdfStandard::A_3b])
                .map_err(|e| DocumentError::Pdf(e.message().to_string()))?,
            tagged: true,
            ..PdfOptions::default()
        };
        let pdf =
            typst_pdf::pdf(&document, &options).map_err(|errors| DocumentError::Pdf(diagnostics(errors.iter())))?;
        xmp::add_facturx_metadata(pdf)
    }
}
