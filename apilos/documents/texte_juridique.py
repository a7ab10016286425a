"""Versioned legal text: loading, choosing the version, and resolving it for one convention.

Each model keeps its wording as data in `templates_juridiques/<modele>/<version>/`:
`manifest.toml` (version, effective date, reference, CERFA header) and `texte.toml` (titles,
articles, closing, annex headings). The ministry's exact wording can replace ours by adding a
version directory; no code changes. A convention keeps the version it was validated with.

Text elements (in `texte = [...]` arrays):
- `"a sentence with {variable}"`: a paragraph; `{variable}` comes from `variables(context)`;
- `{ texte = "...", si = "condition" }`: a paragraph printed only when the condition holds;
- `{ liste = ["...", "..."], si = ... }`: a bulleted list;
- `{ bloc = "nom" }`: a data block drawn by the renderer (tables, parties, ...);
- `{ fragment = "nom" }`: the elements of a named fragment, from the text's `[fragments]` or
  from the shared `commun` text its manifest names (`communs = "commun/<version>"`).
A condition is a flag name, `!flag`, or a list of them that must all hold.
Articles, titles and annex sections take `si` too. Articles are numbered after filtering.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent / "templates_juridiques"
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


class TexteJuridiqueError(ValueError):
    """The legal text of a model is missing, malformed, or asks for an unknown variable."""


@dataclass(frozen=True)
class Manifest:
    modele: str
    version: str
    date_effet: date
    intitule: str
    reference: str
    entete_cerfa: str
    base: str  # "modele/version" this text extends, or ""
    sans_articles: tuple[str, ...]
    communs: str  # "commun/version" whose fragments this text may use, or ""

    @property
    def path(self) -> Path:
        return ROOT / self.modele / self.version


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise TexteJuridiqueError(f"Texte juridique illisible : {path} ({error})") from error


def _manifest(path: Path) -> Manifest:
    raw = _read_toml(path / "manifest.toml")
    return Manifest(
        modele=raw["modele"],
        version=raw["version"],
        date_effet=raw["date_effet"],
        intitule=raw.get("intitule", ""),
        reference=raw.get("reference", ""),
        entete_cerfa=raw.get("entete_cerfa", ""),
        base=raw.get("base", ""),
        sans_articles=tuple(raw.get("sans_articles", ())),
        communs=raw.get("communs", ""),
    )


@cache
def manifests(modele: str) -> tuple[Manifest, ...]:
    """Every version of a model, oldest first."""
    directory = ROOT / modele
    if not directory.is_dir():
        raise TexteJuridiqueError(f"Aucun texte juridique pour le modèle « {modele} ».")
    found = [_manifest(path) for path in sorted(directory.iterdir()) if path.is_dir()]
    return tuple(sorted(found, key=lambda manifest: manifest.date_effet))


def select_version(modele: str, *, version: str = "", on: date | None = None) -> Manifest:
    """The pinned version if given, else the latest one in force on `on` (today by default)."""
    available = manifests(modele)
    if version:
        for manifest in available:
            if manifest.version == version:
                return manifest
        raise TexteJuridiqueError(f"Version « {version} » inconnue pour le modèle « {modele} ».")
    day = on or date.today()
    in_force = [manifest for manifest in available if manifest.date_effet <= day]
    if not in_force:
        raise TexteJuridiqueError(f"Aucune version du modèle « {modele} » en vigueur au {day}.")
    return in_force[-1]


@cache
def load_text(modele: str, version: str) -> dict[str, Any]:
    """The text of one version, its base merged in (top-level keys of the child win)."""
    manifest = select_version(modele, version=version)
    own_path = manifest.path / "texte.toml"
    own = _read_toml(own_path) if own_path.exists() else {}
    merged = dict(own)
    if manifest.base:
        base_modele, _, base_version = manifest.base.partition("/")
        merged = {**load_text(base_modele, base_version), **own}
    if manifest.communs:
        communs_modele, _, communs_version = manifest.communs.partition("/")
        shared = load_text(communs_modele, communs_version)
        for key in ("fragments", "libelles"):
            merged[key] = {**shared.get(key, {}), **merged.get(key, {})}
    if manifest.sans_articles:
        excluded = set(manifest.sans_articles)
        merged["titres"] = [
            {**titre, "articles": [a for a in titre["articles"] if a.get("id") not in excluded]}
            for titre in merged.get("titres", [])
        ]
    return merged


# --- resolution ----------------------------------------------------------------------------------


def _holds(condition: str | list[str] | None, flags: frozenset[str]) -> bool:
    if condition is None:
        return True
    conditions = [condition] if isinstance(condition, str) else condition
    for item in conditions:
        negated = item.startswith("!")
        if (item.lstrip("!") in flags) == negated:
            return False
    return True


def fill(template: str, variables: dict[str, str]) -> str:
    """Replace every `{variable}`; an unknown variable is an error, never left in the text."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            raise TexteJuridiqueError(f"Variable inconnue dans le texte juridique : {{{name}}}")
        return variables[name]

    return PLACEHOLDER.sub(replace, template)


def resolve_elements(
    elements: list[Any],
    variables: dict[str, str],
    flags: frozenset[str],
    fragments: dict[str, list[Any]] | None = None,
    depth: int = 0,
) -> list[dict[str, Any]]:
    """Text elements as renderer-ready dicts: `par`, `liste` or `bloc`."""
    fragments = fragments or {}
    resolved: list[dict[str, Any]] = []
    for element in elements:
        if isinstance(element, str):
            resolved.append({"type": "par", "texte": fill(element, variables)})
            continue
        if not _holds(element.get("si"), flags):
            continue
        if "fragment" in element:
            name = element["fragment"]
            if name not in fragments or depth > 5:
                raise TexteJuridiqueError(f"Fragment de texte inconnu : « {name} »")
            resolved += resolve_elements(fragments[name], variables, flags, fragments, depth + 1)
        elif "bloc" in element:
            resolved.append({"type": "bloc", "nom": element["bloc"]})
        elif "liste" in element:
            items = [fill(item, variables) for item in element["liste"]]
            resolved.append({"type": "liste", "items": items})
        elif "texte" in element:
            resolved.append({"type": "par", "texte": fill(element["texte"], variables)})
        else:
            raise TexteJuridiqueError(f"Élément de texte non reconnu : {element!r}")
    return resolved


CLES = {
    "texte": {
        "titre",
        "sous_titre",
        "preambule",
        "titres",
        "cloture",
        "annexe",
        "libelles",
        "fragments",
    },
    "titre": {"numero", "intitule", "articles", "si"},
    "article": {"id", "intitule", "texte", "si"},
    "annexe": {"intitule", "sections"},
    "section": {"intitule", "texte", "si"},
}


def _check_keys(kind: str, table: dict[str, Any]) -> None:
    """A key out of place (a TOML key written under the wrong table) is an error."""
    unknown = set(table) - CLES[kind]
    if unknown:
        raise TexteJuridiqueError(
            f"Clé(s) inattendue(s) dans {kind} : {', '.join(sorted(unknown))}"
        )


def resolve(
    texte: dict[str, Any], variables: dict[str, str], flags: frozenset[str]
) -> dict[str, Any]:
    """The whole text for one convention: conditions applied, variables filled, articles
    numbered 1, 2, 3… across titles."""
    _check_keys("texte", texte)

    fragments = texte.get("fragments", {})

    def elements(key_or_list: Any) -> list[dict[str, Any]]:
        return resolve_elements(key_or_list or [], variables, flags, fragments)

    numero = 0
    titres = []
    for titre in texte.get("titres", []):
        _check_keys("titre", titre)
        if not _holds(titre.get("si"), flags):
            continue
        articles = []
        for article in titre.get("articles", []):
            _check_keys("article", article)
            if not _holds(article.get("si"), flags):
                continue
            numero += 1
            articles.append(
                {
                    "numero": str(numero),
                    "id": article.get("id", ""),
                    "intitule": fill(article.get("intitule", ""), variables),
                    "elements": elements(article.get("texte")),
                }
            )
        titres.append(
            {
                "numero": titre.get("numero", ""),
                "intitule": fill(titre.get("intitule", ""), variables),
                "articles": articles,
            }
        )
    annexe = texte.get("annexe", {})
    _check_keys("annexe", annexe)
    for section in annexe.get("sections", []):
        _check_keys("section", section)
    sections = [
        {
            "intitule": fill(section.get("intitule", ""), variables),
            "elements": elements(section.get("texte")),
        }
        for section in annexe.get("sections", [])
        if _holds(section.get("si"), flags)
    ]
    return {
        "titre": fill(texte.get("titre", ""), variables),
        "sous_titre": fill(texte.get("sous_titre", ""), variables),
        "preambule": elements(texte.get("preambule")),
        "titres": titres,
        "cloture": elements(texte.get("cloture")),
        "annexe": {"intitule": fill(annexe.get("intitule", ""), variables), "sections": sections},
        "libelles": _fill_labels(texte.get("libelles", {}), variables),
    }


def _fill_labels(value: Any, variables: dict[str, str]) -> Any:
    if isinstance(value, str):
        return fill(value, variables)
    if isinstance(value, list):
        return [_fill_labels(item, variables) for item in value]
    if isinstance(value, dict):
        return {key: _fill_labels(item, variables) for key, item in value.items()}
    return value
