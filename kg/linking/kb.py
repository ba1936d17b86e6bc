"""The knowledge base of known entities: records from ``ontology/kb/*.jsonl`` and their indexes.

Each record (format: ``ontology/kb/FORMAT.md``) becomes a frozen :class:`KbEntity`. Two
indexes serve lookup: flexible aliases by :func:`~kg.linking.normalize.key`, exact aliases by
their surface. A key may name several entities (``GQA`` the benchmark, grouped-query attention
the method); :meth:`KnowledgeBase.lookup` returns all of them and the caller decides by context.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import KnowledgeBaseError
from kg.linking.normalize import is_flexible, key
from kg.names import ENTITY_KINDS
from kg.resources import ontology_dir

__all__ = ["KbEntity", "KnowledgeBase", "load_kb", "load_stoplist"]

_FIELDS = {"id", "name", "type", "aliases", "family"}


@dataclass(frozen=True, slots=True)
class KbEntity:
    """One known entity: canonical name, type, spelling variants and family (an entity id)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    family: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class KnowledgeBase:
    """Known entities with lookup by surface form.

    >>> kb = KnowledgeBase([KbEntity("llama-2", "Llama 2", "Model", ("LLaMA 2",))])
    >>> [e.id for e in kb.lookup("LLaMA2")]
    ['llama-2']
    """

    def __init__(self, entities: Iterable[KbEntity], stoplist: Iterable[str] = ()):
        self.entities: dict[str, KbEntity] = {}
        self._flexible: dict[str, list[str]] = {}
        self._exact: dict[str, list[str]] = {}
        for entity in entities:
            if entity.id in self.entities:
                raise KnowledgeBaseError(f"duplicate knowledge-base id {entity.id!r}")
            if entity.type not in ENTITY_KINDS:
                raise KnowledgeBaseError(f"{entity.id}: unknown type {entity.type!r}")
            self.entities[entity.id] = entity
            for name in entity.names:
                index, k = (self._flexible, key(name)) if is_flexible(name) else (self._exact, name)
                ids = index.setdefault(k, [])
                if entity.id not in ids:
                    ids.append(entity.id)
        self._exact_folded: dict[str, list[str]] = {}
        for name, ids in self._exact.items():
            folded = self._exact_folded.setdefault(name.casefold(), [])
            folded.extend(i for i in ids if i not in folded)
        self._keys = set(self._flexible) | {key(alias) for alias in self._exact}
        self._prefixes = {k[:n] for k in self._keys for n in range(1, len(k) + 1)}
        self.stoplist = frozenset(stoplist)
        self.stoplist_lower = frozenset(s.lower() for s in self.stoplist)
        self.max_words = max((len(n.split()) for e in self.entities.values() for n in e.names), default=1)
        self.version = hashlib.sha1(
            json.dumps(sorted((e.id, e.name, e.type, e.aliases, e.family) for e in self.entities.values())).encode()
            + "\n".join(sorted(self.stoplist)).encode()
        ).hexdigest()[:12]

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> KbEntity | None:
        return self.entities.get(entity_id)

    def lookup(self, surface: str) -> list[KbEntity]:
        """Entities whose name or alias is ``surface``, exactly or as a flexible spelling.

        A flexible alias without a digit (``LLaMA``, ``ReAct``) matches a surface only when the
        surface has a capital letter too, so the words "llama" and "react" stay words.
        """
        ids = list(self._exact.get(surface, ()))
        k = key(surface)
        for entity_id in self._flexible.get(k, ()):
            if entity_id in ids:
                continue
            if not any(c.isdigit() for c in k) and surface.islower():
                continue
            ids.append(entity_id)
        return [self.entities[i] for i in ids]

    def lookup_any_case(self, surface: str) -> list[KbEntity]:
        """Like :meth:`lookup`, with the case rules dropped: the family of a sized name is a name
        however it is written ("gemma" in "gemma-7B", "llama" in "llama-7b")."""
        return (self.lookup(surface) or self.by_key(key(surface))
                or [self.entities[i] for i in self._exact_folded.get(surface.casefold(), ())])

    def has_prefix(self, k: str) -> bool:
        """Whether some name's linking key starts with ``k`` (lets a matcher stop early)."""
        return k in self._prefixes

    def has_key(self, k: str) -> bool:
        """Whether some name has the linking key ``k``."""
        return k in self._keys

    def by_key(self, k: str) -> list[KbEntity]:
        """Entities with a flexible alias of key ``k``."""
        return [self.entities[i] for i in self._flexible.get(k, ())]

    def is_stopword(self, surface: str) -> bool:
        return surface in self.stoplist or surface.lower() in self.stoplist_lower

    @classmethod
    def from_records(cls, records: Iterable[dict], stoplist: Iterable[str] = ()) -> KnowledgeBase:
        """Build from dicts shaped like the JSONL records (handy for small test fixtures)."""
        return cls((_entity(r, "<records>", i) for i, r in enumerate(records, 1)), stoplist)


def _entity(record: dict, source: str, line: int) -> KbEntity:
    unknown = set(record) - _FIELDS
    missing = {"id", "name", "type"} - set(record)
    if unknown or missing:
        raise KnowledgeBaseError(f"{source}:{line}: unknown fields {sorted(unknown)} / missing {sorted(missing)}")
    return KbEntity(
        id=record["id"],
        name=record["name"],
        type=record["type"],
        aliases=tuple(record.get("aliases") or ()),
        family=record.get("family") or None,
    )


def load_stoplist(path: Path | None = None) -> list[str]:
    """Terms that are never entities (``ontology/stoplist.txt``): one a line, ``#`` comments."""
    path = path or ontology_dir() / "stoplist.txt"
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


@cache
def load_kb(folder: Path | None = None) -> KnowledgeBase:
    """Load every ``*.jsonl`` file of ``folder`` (default: the shipped ``ontology/kb``)."""
    folder = folder or ontology_dir() / "kb"
    entities = []
    for path in sorted(folder.glob("*.jsonl")):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise KnowledgeBaseError(f"{path}:{line_no}: {err.msg}") from err
            entities.append(_entity(record, str(path), line_no))
    kb = KnowledgeBase(entities, load_stoplist(folder.parent / "stoplist.txt"))
    for entity in kb.entities.values():
        if entity.family and entity.family not in kb:
            raise KnowledgeBaseError(f"{entity.id}: family {entity.family!r} is not in the knowledge base")
    return kb
