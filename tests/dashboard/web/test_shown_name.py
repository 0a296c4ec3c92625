"""The login line's name in the page's language (``dashboard.web.auth.shown_name``)."""

from __future__ import annotations

import pytest

from dashboard.text.i18n import t
from dashboard.web.auth import LOCAL_USER, shown_name
from dashboard.web.roles import User


@pytest.mark.parametrize(("lang", "line"), [
    ("sv", "Inloggad som lokal användare, administratör"),
    ("en", "Logged in as local user, administrator"),
])
def test_the_local_user_is_named_in_the_pages_language(lang, line):
    role = t(f"auth.role.{LOCAL_USER.role}", lang)
    assert t("auth.signed_in_as", lang, name=shown_name(LOCAL_USER, lang), role=role) == line


def test_a_person_keeps_their_name_in_both_languages():
    eva = User("eva", "head", "IT-avdelningen", display_name="Eva Ek")
    assert shown_name(eva, "sv") == shown_name(eva, "en") == "Eva Ek"
    assert shown_name(User("olle", "viewer"), "en") == "olle"
