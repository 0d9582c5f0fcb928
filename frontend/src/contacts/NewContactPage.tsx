import { Link, useNavigate } from "react-router";
import { useMutation } from "urql";
import type { CreateContactInput } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { PageHeader } from "../ui/PageHeader";
import { contactName } from "./contactName";
import { ContactForm, emptyContactValues, type ContactValues } from "./ContactEditPage";
import { EDITABLE_FIELDS } from "./contactFields";
import { CreateContactMutation } from "./operations";

/** Only the filled fields, trimmed: an empty field is not sent. */
export function newContactInput(values: ContactValues): CreateContactInput {
  const input: Record<string, string> = {};
  for (const f of EDITABLE_FIELDS) {
    const value = values[f.key].trim();
    if (value) input[f.key] = value;
  }
  return input as CreateContactInput;
}

/** Creates a contact by hand; the API validates and normalises every value. */
export function NewContactPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [, createContact] = useMutation(CreateContactMutation);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/contacts">← {t("contacts.title")}</Link>
      </p>
      <PageHeader title={t("contact.newTitle")} intro={t("contact.newIntro")} />
      <ContactForm
        initial={emptyContactValues()}
        submitLabel={t("contact.create")}
        cancelTo="/contacts"
        onSubmit={async (values) => {
          const result = await createContact(
            { input: newContactInput(values) },
            { additionalTypenames: ["Contact"] },
          );
          const created = result.data?.createContact.contact;
          if (created) {
            navigate(`/contacts/${created.id}`, {
              state: { flash: t("contact.createdFlash", { name: contactName(created, t) }) },
            });
            return null;
          }
          return result.error ?? null;
        }}
      />
    </>
  );
}
