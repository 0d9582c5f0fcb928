import { useMemo, useReducer, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import type { SegmentFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { FlashMessage, SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import {
  apiFormErrors,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import {
  CreateSegmentMutation,
  CustomFieldsForSegmentsQuery,
  DeleteSegmentMutation,
  SegmentQuery,
  UpdateSegmentMutation,
} from "./operations";
import { SegmentBuilder } from "./SegmentBuilder";
import { SegmentCount } from "./SegmentCount";
import { SegmentSample } from "./SegmentSample";
import { emptyGroup, fromDefinition, segmentTreeReducer, toDefinition } from "./segmentTree";
import { subjectsFor } from "./subjects";

const FIELDS = ["name", "description", "definition"] as const;
type SegmentField = (typeof FIELDS)[number];

/** Builds a segment with its live count, and saves, samples, exports or deletes it. */
function SegmentEditor({ segment }: { segment: SegmentFieldsFragment | null }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const navigate = useNavigate();
  const canConsult = viewer.rights.includes("CONSULT");
  const [root, dispatch] = useReducer(segmentTreeReducer, segment, (s) =>
    s ? fromDefinition(s.definition) : emptyGroup(),
  );
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [errors, setErrors] = useState<FormErrors<SegmentField>>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const [showSample, setShowSample] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  const [fieldsResult] = useQuery({ query: CustomFieldsForSegmentsQuery });
  const subjects = useMemo(
    () => subjectsFor(fieldsResult.data?.customFields ?? [], canConsult),
    [fieldsResult.data, canConsult],
  );
  const definition = useMemo(() => toDefinition(root), [root]);
  const [{ fetching: creating }, createSegment] = useMutation(CreateSegmentMutation);
  const [{ fetching: updating }, updateSegment] = useMutation(UpdateSegmentMutation);
  const [{ fetching: deleting }, deleteSegment] = useMutation(DeleteSegmentMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const checked: FormErrors<SegmentField> = {
      fields: fieldErrors({ name: requiredError(name, t) }),
      form: definition ? null : t("segment.needsCondition"),
    };
    if (hasFormErrors(checked) || !definition) {
      setErrors(checked);
      return;
    }
    const input = { name: name.trim(), description: description.trim() || null, definition };
    const result = segment
      ? await updateSegment({ input: { id: segment.id, ...input } })
      : await createSegment({ input });
    if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
      return;
    }
    setErrors(noFormErrors());
    if (!segment && result.data && "createSegment" in result.data) {
      navigate(`/segments/${result.data.createSegment.segment.id}`, {
        state: { flash: t("segment.created", { name: input.name }) },
      });
    } else {
      setSaved(true);
    }
  }

  async function remove() {
    if (!segment) return;
    const result = await deleteSegment({ input: { id: segment.id } });
    if (result.error) {
      setDeleteError(apiFormErrors(result.error, [], t).form);
      return;
    }
    navigate("/segments", { state: { flash: t("segment.deleted", { name: segment.name }) } });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/segments">← {t("segments.back")}</Link>
      </p>
      <PageHeader
        title={segment ? t("segment.editTitle", { name: segment.name }) : t("segment.newTitle")}
        intro={t("segment.intro")}
      />
      <FlashMessage />
      <div className="segment-layout">
        <form ref={formRef} onSubmit={submit} noValidate className="form form--wide">
          <FormAlert message={errors.form} />
          <SuccessMessage message={saved ? t("segment.saved") : null} />
          <div className="form__row">
            <TextField
              label={t("segment.name")}
              value={name}
              onChange={setName}
              error={errors.fields.name}
            />
            <TextField
              label={t("segment.description")}
              value={description}
              onChange={setDescription}
              error={errors.fields.description}
              optional
            />
          </div>
          <SegmentBuilder root={root} dispatch={dispatch} subjects={subjects} />
          <div className="form__actions">
            <button type="submit" className="button" disabled={creating || updating}>
              {creating || updating ? t("form.saving") : t("segment.save")}
            </button>
            {segment && (
              <button
                type="button"
                className="button button--danger"
                onClick={() => setConfirmDelete(true)}
              >
                {t("segment.delete")}
              </button>
            )}
          </div>
        </form>
        <aside className="segment-layout__side">
          <SegmentCount definition={definition} />
          {segment && (
            <section className="panel">
              <h2>{t("segment.useTitle")}</h2>
              <ul className="link-list">
                {canConsult && (
                  <li>
                    <a href={segment.exportUrl} download>
                      {t("segment.export")}
                    </a>
                  </li>
                )}
                <li>
                  <Link to={`/postal?segment=${segment.id}`}>{t("segment.postalRun")}</Link>
                </li>
              </ul>
            </section>
          )}
        </aside>
      </div>
      {canConsult && definition && (
        <section className="panel">
          <h2>{t("segment.sampleTitle")}</h2>
          {showSample ? (
            <SegmentSample definition={definition} />
          ) : (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setShowSample(true)}
            >
              {t("segment.showSample")}
            </button>
          )}
        </section>
      )}
      {confirmDelete && segment && (
        <ConfirmDialog
          title={t("segment.deleteTitle", { name: segment.name })}
          confirmLabel={t("segment.delete")}
          destructive
          busy={deleting}
          error={deleteError}
          onConfirm={remove}
          onCancel={() => {
            setConfirmDelete(false);
            setDeleteError(null);
          }}
        >
          <p>{t("segment.deleteBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

export function NewSegmentPage() {
  return <SegmentEditor segment={null} />;
}

export function SegmentPage() {
  const { t } = useI18n();
  const { segmentId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({
    query: SegmentQuery,
    variables: { id: segmentId },
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data?.segment) {
    return (
      <>
        <PageHeader title={t("app.notFound.title")} />
        <p>{t("segment.notFound")}</p>
        <Link to="/segments">{t("segments.back")}</Link>
      </>
    );
  }
  return <SegmentEditor key={data.segment.id} segment={data.segment} />;
}
