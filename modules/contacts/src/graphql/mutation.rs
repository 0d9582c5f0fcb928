//! Contacts mutations: contacts and consent (Consult), custom fields (tenant administrator),
//! segments (Analyse), mappings and imports (Import). Each change is audited by the service.

use super::types::*;
use crate::fields::ContactField;
use crate::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crate::service::contacts::{self, ContactChanges};
use crate::service::custom_fields::{self, CustomFieldDraft, CustomFieldKind};
use crate::service::imports::{self, StartImport, UpsertKey};
use crate::service::parse_id;
use crate::service::segments::{self, SegmentDraft};
use crate::service::uploads::FileSettings;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use crm360_kernel::ApiError;
use crm360_kernel::Right;
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireAnyRight, RequireRight, RequireTenantAdmin};
use sea_orm::ActiveEnum;

#[derive(Default)]
pub struct ContactsMutation;

/// A value of a custom field, by key; an empty or null value clears it.
#[derive(InputObject, Clone, Debug)]
pub struct CustomValueInput {
    pub key: String,
    /// Numbers with `.` or `,`, dates `YYYY-MM-DD` or `DD/MM/YYYY`, booleans `true`/`false`/`oui`/`non`.
    pub value: Option<String>,
}

/// A new contact: every field is optional, and every value is validated.
#[derive(InputObject, Clone, Debug, Default)]
pub struct CreateContactInput {
    pub external_id: Option<String>,
    pub civility: Option<Civility>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub job_title: Option<String>,
    pub personal_email: Option<String>,
    pub professional_email: Option<String>,
    /// Any form; stored as E.164 (French numbers by default).
    pub landline_phone: Option<String>,
    /// Any form; stored as E.164 (French numbers by default).
    pub mobile_phone: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub address_line3: Option<String>,
    pub address_line4: Option<String>,
    pub address_line5: Option<String>,
    pub address_line6: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 (`FR` when absent for postal code checks).
    pub country: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub marital_status: Option<MaritalStatus>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    pub spoken_language: Option<String>,
    pub custom_values: Option<Vec<CustomValueInput>>,
}

/// Changes to a contact: an absent field is left as it is, a null one is cleared.
#[derive(InputObject, Clone, Debug)]
pub struct UpdateContactInput {
    pub id: ID,
    pub external_id: MaybeUndefined<String>,
    pub civility: MaybeUndefined<Civility>,
    pub first_name: MaybeUndefined<String>,
    pub last_name: MaybeUndefined<String>,
    pub company_name: MaybeUndefined<String>,
    pub job_title: MaybeUndefined<String>,
    pub personal_email: MaybeUndefined<String>,
    pub professional_email: MaybeUndefined<String>,
    pub landline_phone: MaybeUndefined<String>,
    pub mobile_phone: MaybeUndefined<String>,
    pub address_line1: MaybeUndefined<String>,
    pub address_line2: MaybeUndefined<String>,
    pub address_line3: MaybeUndefined<String>,
    pub address_line4: MaybeUndefined<String>,
    pub address_line5: MaybeUndefined<String>,
    pub address_line6: MaybeUndefined<String>,
    pub postal_code: MaybeUndefined<String>,
    pub city: MaybeUndefined<String>,
    pub country: MaybeUndefined<String>,
    pub birth_date: MaybeUndefined<NaiveDate>,
    pub marital_status: MaybeUndefined<MaritalStatus>,
    pub gender: MaybeUndefined<Gender>,
    pub nationality: MaybeUndefined<String>,
    pub spoken_language: MaybeUndefined<String>,
    pub custom_values: Option<Vec<CustomValueInput>>,
}

/// The code a coded field stores (civility, gender, marital status), as the service reads it.
fn stored_code<E: ActiveEnum<Value = String>>(value: E) -> String {
    value.to_value()
}

fn custom_changes(values: Option<Vec<CustomValueInput>>) -> Vec<(String, Option<String>)> {
    values.unwrap_or_default().into_iter().map(|v| (v.key, v.value.filter(|s| !s.trim().is_empty()))).collect()
}

impl CreateContactInput {
    fn changes(self) -> ContactChanges {
        use ContactField as F;
        let text = [
            (F::ExternalId, self.external_id),
            (F::Civility, self.civility.map(stored_code)),
            (F::FirstName, self.first_name),
            (F::LastName, self.last_name),
            (F::CompanyName, self.company_name),
            (F::JobTitle, self.job_title),
            (F::PersonalEmail, self.personal_email),
            (F::ProfessionalEmail, self.professional_email),
            (F::LandlinePhone, self.landline_phone),
            (F::MobilePhone, self.mobile_phone),
            (F::AddressLine1, self.address_line1),
            (F::AddressLine2, self.address_line2),
            (F::AddressLine3, self.address_line3),
            (F::AddressLine4, self.address_line4),
            (F::AddressLine5, self.address_line5),
            (F::AddressLine6, self.address_line6),
            (F::PostalCode, self.postal_code),
            (F::City, self.city),
            (F::Country, self.country),
            (F::BirthDate, self.birth_date.map(|d| d.to_string())),
            (F::MaritalStatus, self.marital_status.map(stored_code)),
            (F::Gender, self.gender.map(stored_code)),
            (F::Nationality, self.nationality),
            (F::SpokenLanguage, self.spoken_language),
        ];
        ContactChanges {
            fields: text.into_iter().filter_map(|(f, v)| v.map(|v| (f, Some(v)))).collect(),
            custom: custom_changes(self.custom_values),
        }
    }
}

fn maybe<T>(value: MaybeUndefined<T>, to_text: impl Fn(T) -> String) -> Option<Option<String>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(to_text(v))),
    }
}

impl UpdateContactInput {
    fn changes(self) -> ContactChanges {
        use ContactField as F;
        let id = |s: String| s;
        let fields = [
            (F::ExternalId, maybe(self.external_id, id)),
            (F::Civility, maybe(self.civility, stored_code)),
            (F::FirstName, maybe(self.first_name, id)),
            (F::LastName, maybe(self.last_name, id)),
            (F::CompanyName, maybe(self.company_name, id)),
            (F::JobTitle, maybe(self.job_title, id)),
            (F::PersonalEmail, maybe(self.personal_email, id)),
            (F::ProfessionalEmail, maybe(self.professional_email, id)),
            (F::LandlinePhone, maybe(self.landline_phone, id)),
            (F::MobilePhone, maybe(self.mobile_phone, id)),
            (F::AddressLine1, maybe(self.address_line1, id)),
            (F::AddressLine2, maybe(self.address_line2, id)),
            (F::AddressLine3, maybe(self.address_line3, id)),
            (F::AddressLine4, maybe(self.address_line4, id)),
            (F::AddressLine5, maybe(self.address_line5, id)),
            (F::AddressLine6, maybe(self.address_line6, id)),
            (F::PostalCode, maybe(self.postal_code, id)),
            (F::City, maybe(self.city, id)),
            (F::Country, maybe(self.country, id)),
            (F::BirthDate, maybe(self.birth_date, |d| d.to_string())),
            (F::MaritalStatus, maybe(self.marital_status, stored_code)),
            (F::Gender, maybe(self.gender, stored_code)),
            (F::Nationality, maybe(self.nationality, id)),
            (F::SpokenLanguage, maybe(self.spoken_language, id)),
        ];
        ContactChanges {
            fields: fields
                .into_iter()
                .filter_map(|(f, v)| v.map(|v| (f, v.filter(|s| !s.trim().is_empty()))))
                .collect(),
            custom: custom_changes(self.custom_values),
        }
    }
}

/// The contact created.
#[derive(SimpleObject)]
pub struct CreateContactPayload {
    pub contact: Contact,
    /// What was corrected while validating (a postal code padded back to five digits...).
    pub corrections: Vec<ValueCorrection>,
}

/// A value corrected while validating: which input field, a stable reason
/// (`POSTAL_CODE_PADDED`) and a message for people.
#[derive(SimpleObject, Clone, Debug)]
pub struct ValueCorrection {
    pub field: String,
    pub reason: String,
    pub message: String,
}

fn corrections_of(corrections: Vec<contacts::FieldError>) -> Vec<ValueCorrection> {
    corrections
        .into_iter()
        .map(|c| ValueCorrection { field: c.field, reason: c.reason.to_owned(), message: c.message })
        .collect()
}

/// The contact after the change.
#[derive(SimpleObject)]
pub struct UpdateContactPayload {
    pub contact: Contact,
    /// What was corrected while validating.
    pub corrections: Vec<ValueCorrection>,
}

/// The contact to delete.
#[derive(InputObject)]
pub struct DeleteContactInput {
    pub id: ID,
}

/// The id of the contact deleted.
#[derive(SimpleObject)]
pub struct DeleteContactPayload {
    pub deleted_contact_id: ID,
}

/// A consent given or refused, with its proof.
#[derive(InputObject)]
pub struct SetContactConsentInput {
    pub contact_id: ID,
    pub channel: ConsentChannel,
    pub status: ConsentStatus,
    /// When it was collected; now when absent.
    pub collected_at: Option<DateTime<Utc>>,
    pub source: Option<String>,
    /// The wording the contact was shown.
    pub wording: Option<String>,
    /// The contact's IP address, for online collection.
    pub ip: Option<String>,
}

/// The contact with its consents.
#[derive(SimpleObject)]
pub struct SetContactConsentPayload {
    pub contact: Contact,
}

/// A new custom field.
#[derive(InputObject)]
pub struct CreateCustomFieldInput {
    /// Lower-case letters, digits and `_`, starting with a letter.
    pub key: String,
    pub label: String,
    pub kind: CustomFieldKind,
    /// The allowed values of a `VALUE_LIST`.
    pub options: Option<Vec<String>>,
}

/// The field created.
#[derive(SimpleObject)]
pub struct CreateCustomFieldPayload {
    pub custom_field: CustomField,
}

/// Changes to a custom field (its key and kind are fixed).
#[derive(InputObject)]
pub struct UpdateCustomFieldInput {
    pub id: ID,
    pub label: Option<String>,
    pub options: Option<Vec<String>>,
}

/// The field after the change.
#[derive(SimpleObject)]
pub struct UpdateCustomFieldPayload {
    pub custom_field: CustomField,
}

/// The custom field to delete, with every contact's value of it.
#[derive(InputObject)]
pub struct DeleteCustomFieldInput {
    pub id: ID,
}

/// The id of the field deleted.
#[derive(SimpleObject)]
pub struct DeleteCustomFieldPayload {
    pub deleted_custom_field_id: ID,
}

/// A segment to save.
#[derive(InputObject)]
pub struct CreateSegmentInput {
    pub name: String,
    pub description: Option<String>,
    pub definition: SegmentNodeInput,
}

/// The segment saved.
#[derive(SimpleObject)]
pub struct CreateSegmentPayload {
    pub segment: Segment,
}

/// A saved segment's new name, description and tree.
#[derive(InputObject)]
pub struct UpdateSegmentInput {
    pub id: ID,
    pub name: String,
    pub description: Option<String>,
    pub definition: SegmentNodeInput,
}

/// The segment after the change.
#[derive(SimpleObject)]
pub struct UpdateSegmentPayload {
    pub segment: Segment,
}

/// The segment to delete.
#[derive(InputObject)]
pub struct DeleteSegmentInput {
    pub id: ID,
}

/// The id of the segment deleted.
#[derive(SimpleObject)]
pub struct DeleteSegmentPayload {
    pub deleted_segment_id: ID,
}

/// A column mapping to save for reuse.
#[derive(InputObject)]
pub struct CreateImportMappingInput {
    pub name: String,
    pub columns: Vec<ImportColumn>,
    pub upsert_key: UpsertKey,
}

/// The mapping saved.
#[derive(SimpleObject)]
pub struct CreateImportMappingPayload {
    pub import_mapping: ImportMapping,
}

/// The mapping to delete.
#[derive(InputObject)]
pub struct DeleteImportMappingInput {
    pub id: ID,
}

/// The id of the mapping deleted.
#[derive(SimpleObject)]
pub struct DeleteImportMappingPayload {
    pub deleted_import_mapping_id: ID,
}

/// An import to run on an uploaded file: with `columns` and `upsertKey`, or a saved `mappingId`.
#[derive(InputObject)]
pub struct StartImportInput {
    pub upload_id: ID,
    pub columns: Option<Vec<ImportColumn>>,
    pub mapping_id: Option<ID>,
    /// `EXTERNAL_ID` when absent (or the saved mapping's key).
    pub upsert_key: Option<UpsertKey>,
    /// Check and count everything, write nothing.
    #[graphql(default = false)]
    pub dry_run: bool,
}

/// The import queued (its job runs in the background).
#[derive(SimpleObject)]
pub struct StartImportPayload {
    pub import: Import,
}

/// A feed to define: its saved mapping and how often its inbox is read.
#[derive(InputObject)]
pub struct CreateFeedInput {
    pub name: String,
    pub mapping_id: ID,
    /// From 1 minute to 7 days.
    #[graphql(default = 60)]
    pub every_minutes: i32,
}

/// The feed defined, with its inbox folder.
#[derive(SimpleObject)]
pub struct CreateFeedPayload {
    pub feed: Feed,
}

/// The feed to delete (its folders are kept).
#[derive(InputObject)]
pub struct DeleteFeedInput {
    pub id: ID,
}

/// The id of the feed deleted.
#[derive(SimpleObject)]
pub struct DeleteFeedPayload {
    pub deleted_feed_id: ID,
}

#[Object]
impl ContactsMutation {
    /// Defines an automatic feed. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn create_feed(&self, ctx: &Context<'_>, input: CreateFeedInput) -> Result<CreateFeedPayload> {
        let scope = tenant_scope(ctx)?;
        let files = ctx.data::<FileSettings>()?;
        let mapping_id = parse_id(&input.mapping_id, "mappingId").gql()?;
        let feed =
            crate::service::feeds::create(&scope, files, &input.name, mapping_id, input.every_minutes).await.gql()?;
        Ok(CreateFeedPayload { feed: feed.into() })
    }

    /// Deletes an automatic feed. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn delete_feed(&self, ctx: &Context<'_>, input: DeleteFeedInput) -> Result<DeleteFeedPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let feed = crate::service::feeds::delete(&scope, id).await.gql()?;
        Ok(DeleteFeedPayload { deleted_feed_id: ID(feed.id.to_string()) })
    }

    /// Creates a contact (putting data in, as an import does). Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn create_contact(&self, ctx: &Context<'_>, input: CreateContactInput) -> Result<CreateContactPayload> {
        let scope = tenant_scope(ctx)?;
        let (contact, corrections) = contacts::create_corrected(&scope, input.changes()).await.gql()?;
        Ok(CreateContactPayload { contact: contact.into(), corrections: corrections_of(corrections) })
    }

    /// Edits a contact. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn update_contact(&self, ctx: &Context<'_>, input: UpdateContactInput) -> Result<UpdateContactPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let (contact, corrections) = contacts::update_corrected(&scope, id, input.changes()).await.gql()?;
        Ok(UpdateContactPayload { contact: contact.into(), corrections: corrections_of(corrections) })
    }

    /// Deletes a contact with its consents and custom values. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn delete_contact(&self, ctx: &Context<'_>, input: DeleteContactInput) -> Result<DeleteContactPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let deleted = contacts::delete(&scope, id).await.gql()?;
        Ok(DeleteContactPayload { deleted_contact_id: ID(deleted.id.to_string()) })
    }

    /// Records a contact's consent on a channel with its proof.
    /// Requires one of the rights `IMPORT`, `CONSULT`.
    /// Granting a consent puts data in and needs `IMPORT` (`FORBIDDEN`,
    /// reason `IMPORT_REQUIRED`, without it); recording a refusal (the person's opt-out or
    /// objection, which only restricts processing) is open to `CONSULT`.
    #[graphql(guard = "RequireAnyRight(&[Right::Import, Right::Consult])")]
    async fn set_contact_consent(
        &self,
        ctx: &Context<'_>,
        input: SetContactConsentInput,
    ) -> Result<SetContactConsentPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.contact_id, "contactId").gql()?;
        if input.status == ConsentStatus::Granted && !scope.actor().has_right(Right::Import) {
            // An unknown contact is NOT_FOUND whoever asks; a known one is not the caller's to opt in.
            contacts::get(&scope, id).await.gql()?;
            return Err(ApiError::forbidden("granting a consent needs the IMPORT right; CONSULT may record a refusal")
                .with_reason("IMPORT_REQUIRED")
                .into());
        }
        let proof = ConsentProof {
            channel: input.channel,
            status: input.status,
            collected_at: input.collected_at.unwrap_or_else(|| scope.now()),
            source: input.source,
            wording: input.wording,
            ip: input.ip,
        };
        consents::set(&scope, id, proof).await.gql()?;
        let contact = contacts::get(&scope, id).await.gql()?;
        Ok(SetContactConsentPayload { contact: contact.into() })
    }

    /// Defines a custom field of contacts. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn create_custom_field(
        &self,
        ctx: &Context<'_>,
        input: CreateCustomFieldInput,
    ) -> Result<CreateCustomFieldPayload> {
        let scope = tenant_scope(ctx)?;
        let draft = CustomFieldDraft {
            key: input.key,
            label: input.label,
            kind: input.kind,
            options: input.options.unwrap_or_default(),
        };
        let field = custom_fields::create(&scope, draft).await.gql()?;
        Ok(CreateCustomFieldPayload { custom_field: field.into() })
    }

    /// Changes a custom field's label or options. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn update_custom_field(
        &self,
        ctx: &Context<'_>,
        input: UpdateCustomFieldInput,
    ) -> Result<UpdateCustomFieldPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let field = custom_fields::update(&scope, id, input.label, input.options).await.gql()?;
        Ok(UpdateCustomFieldPayload { custom_field: field.into() })
    }

    /// Deletes a custom field and every contact's value of it. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn delete_custom_field(
        &self,
        ctx: &Context<'_>,
        input: DeleteCustomFieldInput,
    ) -> Result<DeleteCustomFieldPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let field = custom_fields::delete(&scope, id).await.gql()?;
        Ok(DeleteCustomFieldPayload { deleted_custom_field_id: ID(field.id.to_string()) })
    }

    /// Saves a segment. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn create_segment(&self, ctx: &Context<'_>, input: CreateSegmentInput) -> Result<CreateSegmentPayload> {
        let scope = tenant_scope(ctx)?;
        let draft = SegmentDraft {
            name: input.name,
            description: input.description,
            definition: input.definition.to_node("definition")?,
        };
        let segment = segments::create(&scope, draft).await.gql()?;
        Ok(CreateSegmentPayload { segment: segment.into() })
    }

    /// Changes a saved segment. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn update_segment(&self, ctx: &Context<'_>, input: UpdateSegmentInput) -> Result<UpdateSegmentPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let draft = SegmentDraft {
            name: input.name,
            description: input.description,
            definition: input.definition.to_node("definition")?,
        };
        let segment = segments::update(&scope, id, draft).await.gql()?;
        Ok(UpdateSegmentPayload { segment: segment.into() })
    }

    /// Deletes a saved segment. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn delete_segment(&self, ctx: &Context<'_>, input: DeleteSegmentInput) -> Result<DeleteSegmentPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let segment = segments::delete(&scope, id).await.gql()?;
        Ok(DeleteSegmentPayload { deleted_segment_id: ID(segment.id.to_string()) })
    }

    /// Saves a column mapping for reuse. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn create_import_mapping(
        &self,
        ctx: &Context<'_>,
        input: CreateImportMappingInput,
    ) -> Result<CreateImportMappingPayload> {
        let scope = tenant_scope(ctx)?;
        let columns = input.columns.into_iter().map(Into::into).collect();
        let mapping = imports::create_mapping(&scope, &input.name, columns, input.upsert_key).await.gql()?;
        Ok(CreateImportMappingPayload { import_mapping: mapping.into() })
    }

    /// Deletes a saved column mapping. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn delete_import_mapping(
        &self,
        ctx: &Context<'_>,
        input: DeleteImportMappingInput,
    ) -> Result<DeleteImportMappingPayload> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&input.id, "id").gql()?;
        let mapping = imports::delete_mapping(&scope, id).await.gql()?;
        Ok(DeleteImportMappingPayload { deleted_import_mapping_id: ID(mapping.id.to_string()) })
    }

    /// Queues the import of an uploaded file (or its dry run). Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn start_import(&self, ctx: &Context<'_>, input: StartImportInput) -> Result<StartImportPayload> {
        let scope = tenant_scope(ctx)?;
        let files = ctx.data::<FileSettings>()?;
        let start = StartImport {
            upload_id: parse_id(&input.upload_id, "uploadId").gql()?,
            columns: input.columns.map(|c| c.into_iter().map(Into::into).collect()),
            mapping_id: input.mapping_id.map(|id| parse_id(&id, "mappingId")).transpose().gql()?,
            key: input.upsert_key,
            dry_run: input.dry_run,
        };
        let import = imports::start(&scope, files, start).await.gql()?;
        Ok(StartImportPayload { import: Import(import) })
    }
}
