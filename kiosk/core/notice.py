"""A sentence for people that keeps its marked English and its values, so a screen can say it in any language."""

from __future__ import annotations

from kiosk.core.languages import SOURCE_LANGUAGE


class Notice(str):
    """The English sentence (a `str`, as before), made from a template marked with N_() and its `{values}`;
    `in_language` says it in another. A value may be a Notice too (sentences said one after another)."""

    template: str
    values: dict

    def __new__(cls, template: str, **values: object) -> Notice:
        notice = super().__new__(cls, template.format(**values))
        notice.template, notice.values = template, values
        return notice

    def in_language(self, language: str) -> str:
        if language == SOURCE_LANGUAGE:
            return str(self)
        from kiosk.core.translations import translation

        values = {key: value.in_language(language) if isinstance(value, Notice) else value
                  for key, value in self.values.items()}
        return translation(language).gettext(self.template).format(**values)


def one_after_another(notices: list[Notice]) -> Notice:
    """Several notices as one, each sentence in its place (and each in the language asked for)."""
    return Notice(" ".join(f"{{part{index}}}" for index in range(len(notices))),
                  **{f"part{index}": notice for index, notice in enumerate(notices)})
