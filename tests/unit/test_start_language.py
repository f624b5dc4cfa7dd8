"""Which language the app starts in: the flag, then KIOSK_LANGUAGE, then the home's setting, then the system locale."""

from __future__ import annotations

import pytest

from kiosk.cli import build_parser
from kiosk.cli.exit_codes import ExitCode
from kiosk.core.languages import locale_language, start_language


@pytest.mark.parametrize(("flag", "environment", "remembered", "expected"), [
    ("es", {"KIOSK_LANGUAGE": "en", "LANG": "en_US.UTF-8"}, "en", "es"),       # the flag first
    (None, {"KIOSK_LANGUAGE": "es", "LANG": "en_US.UTF-8"}, "en", "es"),       # then KIOSK_LANGUAGE
    (None, {"KIOSK_LANGUAGE": "es-MX"}, None, "es"),                            # read as a language code
    (None, {"KIOSK_LANGUAGE": "fr", "LANG": "es_US.UTF-8"}, "en", "en"),        # one not offered: passed over
    (None, {"LANG": "en_US.UTF-8"}, "es", "es"),                                # then the remembered one
    (None, {"LANG": "es_US.UTF-8"}, "de", "es"),                                # a bad setting: passed over
    (None, {"LANG": "es_US.UTF-8"}, None, "es"),                                # then the system locale
    (None, {"LANG": "C"}, None, "en"),
    (None, {}, None, "en"),                                                     # nothing said: English
])
def test_the_first_that_names_an_offered_language_wins(flag, environment, remembered, expected):
    assert start_language(flag, environment, remembered) == expected


def test_the_locale_is_read_as_posix_reads_it_for_messages():
    assert locale_language({"LC_ALL": "es_ES.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_US"}) == "es"
    assert locale_language({"LC_ALL": "", "LC_MESSAGES": "es_MX.UTF-8", "LANG": "en_US"}) == "es"
    assert locale_language({"LC_MESSAGES": "en_US.UTF-8", "LANG": "es_US.UTF-8"}) == "en"
    assert locale_language({"LANG": "es_US.UTF-8@euro"}) == "es"
    assert locale_language({"LANG": "pt_BR.UTF-8"}) == "en"


def test_kiosk_run_takes_an_offered_language_only(capsys):
    parser = build_parser()
    assert parser.parse_args(["run", "--language", "es"]).language == "es"
    assert parser.parse_args(["run"]).language is None            # then KIOSK_LANGUAGE, the setting, the locale
    with pytest.raises(SystemExit) as stopped:
        parser.parse_args(["run", "--language", "fr"])
    assert stopped.value.code == ExitCode.BAD_INPUT
    assert "invalid choice: 'fr'" in capsys.readouterr().err
