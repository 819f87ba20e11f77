"""Which column feeds which field, and which source values become which salestui values.

Order of precedence: ``--map SOURCE=FIELD``, then the ``--preset``, then the field's own name,
then its aliases. ``--value-map FIELD:SOURCE=VALUE`` rewrites a value before it is read;
``FIELD:=VALUE`` (an empty source) fills blanks, and fills the field on every row when no column
feeds it — the way to say "every deal in this file is Won" or "these invoices are paid in full".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.transfer.choices import CHOICES
from salestui.transfer.presets import preset_columns
from salestui.transfer.specs import CHOICE, KindSpec, norm

IGNORE = ("-", "ignore", "skip", "")


@dataclass
class Mapping:
    columns: dict[str, int]  # field → column index
    header: list[str]
    ignored: list[str] = field(default_factory=list)
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)  # field → {norm(src): v}
    blanks: dict[str, str] = field(default_factory=dict)  # field → value for a blank/missing one

    def column_of(self, name: str) -> str:
        index = self.columns.get(name)
        return self.header[index] if index is not None else name


def _parse_map(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise DomainError(
            _("--map {text} must be SOURCE=FIELD, e.g. --map 'Deal Owner=owner'").format(
                text=repr(text)
            )
        )
    source, target = text.rsplit("=", 1)
    return source.strip(), target.strip().lower()


def build_mapping(
    header: list[str],
    spec: KindSpec,
    *,
    preset: str | None = None,
    maps: tuple[str, ...] | list[str] = (),
    value_maps: tuple[str, ...] | list[str] = (),
) -> Mapping:
    fields = spec.fields_by_name
    by_norm: dict[str, int] = {}
    for i, h in enumerate(header):
        by_norm.setdefault(norm(h), i)
    columns: dict[str, int] = {}
    taken: set[int] = set()

    for text in maps:
        source, target = _parse_map(text)
        index = by_norm.get(norm(source))
        if index is None:
            raise DomainError(
                _("--map {text}: the file has no column {source} (its columns: {value})").format(
                    text=repr(text), source=repr(source), value=", ".join(header)
                )
            )
        if target in IGNORE:
            taken.add(index)
            continue
        if target not in fields:
            raise DomainError(
                _("--map {text}: {target} is not a field of {name} (fields: {value})").format(
                    text=repr(text), target=repr(target), name=spec.name, value=", ".join(fields)
                )
            )
        if target in columns and columns[target] != index:
            raise DomainError(_("--map: two columns are mapped to {target}").format(target=target))
        columns[target] = index
        taken.add(index)

    def claim(field_name: str, index: int) -> None:
        if field_name in fields and field_name not in columns and index not in taken:
            columns[field_name] = index
            taken.add(index)

    for header_norm, field_name in preset_columns(preset, spec.name).items():
        if header_norm in by_norm:
            claim(field_name, by_norm[header_norm])
    for f in spec.fields:
        if norm(f.name) in by_norm:
            claim(f.name, by_norm[norm(f.name)])
    for f in spec.fields:
        for alias in f.aliases:
            if alias in by_norm:
                claim(f.name, by_norm[alias])
                break

    mapping = Mapping(columns, header)
    mapping.ignored = [h for i, h in enumerate(header) if i not in columns.values()]
    for text in value_maps:
        _add_value_map(mapping, spec, text)
    return mapping


def _add_value_map(mapping: Mapping, spec: KindSpec, text: str) -> None:
    if ":" not in text or "=" not in text.split(":", 1)[1]:
        raise DomainError(
            _(
                "--value-map {text} must be FIELD:SOURCE=VALUE, e.g. --value-map 'stage:Closed Won=Won'"
            ).format(text=repr(text))
        )
    field_name, rest = text.split(":", 1)
    field_name = field_name.strip().lower()
    source, value = rest.rsplit("=", 1)
    source, value = source.strip(), value.strip()
    spec_field = spec.fields_by_name.get(field_name)
    if spec_field is None:
        raise DomainError(
            _("--value-map {text}: {field_name} is not a field of {name} (fields: {value})").format(
                text=repr(text),
                field_name=repr(field_name),
                name=spec.name,
                value=", ".join(spec.fields_by_name),
            )
        )
    if spec_field.type == CHOICE and value:
        allowed, words = CHOICES[(spec.name, field_name)]
        if norm(value) not in {norm(a) for a in allowed}:
            raise DomainError(
                _("--value-map {text}: {value} is not a {field_name}; use one of {value2}").format(
                    text=repr(text),
                    value=repr(value),
                    field_name=field_name,
                    value2=", ".join(allowed),
                )
            )
        value = words[norm(value)]
    if source:
        mapping.value_maps.setdefault(field_name, {})[norm(source)] = value
    else:
        mapping.blanks[field_name] = value


def describe(mapping: Mapping) -> list[str]:
    """``Deal Owner → owner`` lines for the summary, in the file's column order."""
    pairs = sorted((i, f) for f, i in mapping.columns.items())
    lines = [f"{mapping.header[i]} → {f}" for i, f in pairs]
    lines += [f"(every blank) {f} = {v!r}" for f, v in mapping.blanks.items()]
    return lines
