import { useNavigate } from "react-router";
import { useI18n } from "../../i18n/useI18n";
import type { FlashState } from "../../ui/FlashMessage";
import { PageHeader } from "../../ui/PageHeader";
import { CreateUserForm } from "./CreateUserForm";
import { userName } from "./userName";

export function CreateUserPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t("createUser.title")} />
      <CreateUserForm
        onCreated={(user) => {
          const state: FlashState = { flash: t("createUser.created", { name: userName(user) }) };
          navigate(`/admin/users/${user.id}`, { state });
        }}
      />
    </>
  );
}
