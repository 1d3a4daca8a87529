"""One settings table feeds the dataclass, the environment, the TOML file and the CLI options."""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sayso.cli import main
from sayso.errors import SettingsError
from sayso.settings import SETTINGS, Settings

FIELDS = {f.name: f for f in fields(Settings)}


def test_settings_table_names_match_dataclass() -> None:
    assert [s.name for s in SETTINGS] == list(FIELDS)


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_settings_table_defaults_match_dataclass(setting: Any) -> None:
    field = FIELDS[setting.name]
    assert field.default is not MISSING
    assert field.default == setting.default
    assert type(field.default) is type(setting.default)
    assert getattr(Settings(), setting.name) == setting.default
    assert setting.help.strip()


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_settings_each_has_a_cli_option(setting: Any) -> None:
    for command in ("extract", "evaluate"):
        out = CliRunner().invoke(main, [command, "--help"], terminal_width=200).stdout
        assert "--" + setting.name.replace("_", "-") in out
        assert setting.help.split()[0] in out


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SAYSO_ON_ERROR": "raise"}, {"on_error": "raise"}),
        ({"SAYSO_MAX_CHARS": "1000"}, {"max_chars": 1000}),
        ({"SAYSO_MAX_SENTENCE_CHARS": "300"}, {"max_sentence_chars": 300}),
        ({"SAYSO_MIN_CONFIDENCE": "0.5"}, {"min_confidence": 0.5}),
        ({"SAYSO_KEEP_UNATTRIBUTED": "no"}, {"keep_unattributed": False}),
        ({"SAYSO_KEEP_UNATTRIBUTED": "TRUE"}, {"keep_unattributed": True}),
        ({"SAYSO_UNKNOWN": "1", "OTHER": "x"}, {}),
        ({}, {}),
    ],
)
def test_settings_from_environment(env: dict[str, str], expected: dict[str, Any]) -> None:
    settings = Settings.load(env=env)
    assert settings == Settings(**expected)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SAYSO_ON_ERROR": "ignore"}, "on_error must be 'raise' or 'skip'"),
        ({"SAYSO_MAX_CHARS": "lots"}, "SAYSO_MAX_CHARS='lots' is not a valid int"),
        ({"SAYSO_KEEP_UNATTRIBUTED": "perhaps"}, "SAYSO_KEEP_UNATTRIBUTED='perhaps' is not a valid bool"),
        ({"SAYSO_MAX_CHARS": "0"}, "must be positive"),
    ],
)
def test_settings_bad_environment_says_which(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(")):
        Settings.load(env=env)


@pytest.mark.parametrize(
    ("toml", "env", "overrides", "expected_max_chars"),
    [
        ("[sayso]\nmax_chars = 7\n", {}, {}, 7),
        ("max_chars = 8\n", {}, {}, 8),
        ("[sayso]\nmax_chars = 7\n", {"SAYSO_MAX_CHARS": "9"}, {}, 9),
        ("[sayso]\nmax_chars = 7\n", {"SAYSO_MAX_CHARS": "9"}, {"max_chars": 11}, 11),
        ("[sayso]\nmax_chars = 7\n", {}, {"max_chars": None}, 7),
    ],
)
def test_settings_priority_file_env_keyword(tmp_path: Path, toml: str, env: dict[str, str],
                                            overrides: dict[str, Any], expected_max_chars: int) -> None:
    path = tmp_path / "sayso.toml"
    path.write_text(toml, encoding="utf-8")
    assert Settings.load(path, env=env, **overrides).max_chars == expected_max_chars
    assert Settings.load(env={**env, "SAYSO_CONFIG": str(path)}, **overrides).max_chars == expected_max_chars


@pytest.mark.parametrize(
    ("toml", "message"),
    [("[sayso]\nno_such = 1\n", "unknown setting"), ("max_chars = [", "cannot read settings file")],
)
def test_settings_bad_file(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        Settings.load(path, env={})
