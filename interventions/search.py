"""Search across the catalogue with PostgreSQL full-text search.

Every searchable model has a generated `search_vector` column ('dutch' configuration)
with a GIN index. The search filters on that column itself (`search_vector @@ query`),
so PostgreSQL can use the index; nothing here rebuilds a vector at query time.

The search is a list of *sections*, one per kind of thing (types, interventions,
effective elements, lessons). Each section runs one query that filters, ranks,
highlights and counts at once, so a search costs one query per section whatever the
amount of data. Another app adds a kind by appending a `SearchSection` to `SECTIONS`
(see docs/catalogue.md).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import CharField, Count, F, FloatField, Q, QuerySet, Value, Window
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from interventions.models import (
    SEARCH_CONFIG,
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
)

# Control characters cannot be typed into a form field and are stripped from the
# highlight before escaping, so they mark the matched words unambiguously.
_START = "\x01"
_STOP = "\x02"
_HIGHLIGHT = re.compile(f"{_START}([^{_START}{_STOP}]*){_STOP}")

# Letters and digits only: whatever the user types, the raw tsquery we build
# cannot contain tsquery operators.
_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MIN_WORD_LENGTH = 2
MIN_VARIANT_LENGTH = 3
_DOUBLED_CONSONANT = re.compile(r"([bcdfghjklmnpqrstvwxz])\1$")

# Each section shows at most this many hits; the count says how many there are.
SECTION_LIMIT = 25


def query_words(text: str) -> list[str]:
    """The words of a search, lower-cased, without punctuation or very short words."""
    words = [w[:MAX_WORD_LENGTH] for w in _WORD.findall(text.lower())]
    words = [w for w in words if len(w) >= MIN_WORD_LENGTH]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def word_variants(word: str) -> list[str]:
    """The word plus a singular-looking form of a Dutch plural.

    The Dutch stemmer stems plural and singular differently (`fietsen` -> `fiets`,
    `fiets` -> `fiet`; `lessen` -> `less`, `les` -> `les`), so a plural search word
    would miss the singular in the text. Searching also for the word without its
    plural ending, as a prefix, finds both.
    """
    variants = [word]
    if word.endswith("en") and len(word) - 2 >= MIN_VARIANT_LENGTH:
        stem = word[:-2]
        variants.append(stem)
        if _DOUBLED_CONSONANT.search(stem):
            variants.append(stem[:-1])
    elif word.endswith("s") and len(word) - 1 >= MIN_VARIANT_LENGTH:
        variants.append(word[:-1])
    return variants


def build_tsquery(text: str) -> str:
    """A raw tsquery: every word must match, each as a prefix (`opvoed` finds
    `opvoedondersteuning`), in any of its variants. Empty when there are no words."""
    groups = []
    for word in query_words(text):
        alternatives = " | ".join(f"{variant}:*" for variant in word_variants(word))
        groups.append(f"({alternatives})")
    return " & ".join(groups)


def highlight(text: str | None) -> SafeString:
    """Escape a ts_headline result, then turn our markers into <mark> elements."""
    escaped = escape(text or "")
    marked = _HIGHLIGHT.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(_START, "").replace(_STOP, ""))  # noqa: S308 - escaped above


@dataclass(frozen=True)
class Criteria:
    """What the user asked for: words and filters (slugs / choice values, or '')."""

    text: str = ""
    type: str = ""
    theme: str = ""
    aspect: str = ""
    level: str = ""
    kind: str = ""

    @property
    def has_filters(self) -> bool:
        return any((self.type, self.theme, self.aspect, self.level, self.kind))

    @property
    def is_empty(self) -> bool:
        return not build_tsquery(self.text) and not self.has_filters


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    rank: float
    context: str = ""


@dataclass(frozen=True)
class SearchSection:
    """One kind of searchable thing.

    `apply_filters` narrows the queryset by the criteria and returns None when a
    filter rules the whole kind out (a theme filter leaves only lessons).
    `context` gives a short line under the title (the type of an intervention, ...).
    """

    kind: str
    label: str
    plural: str
    queryset: Callable[[], QuerySet]
    title_field: str
    body_fields: tuple[str, ...]
    apply_filters: Callable[[QuerySet, Criteria], QuerySet | None]
    context: Callable[[object], str] = field(default=lambda obj: "")
    url: Callable[[object], str] = field(default=lambda obj: obj.get_absolute_url())


@dataclass
class SearchOutcome:
    criteria: Criteria
    hits: list[Hit]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        if self.criteria.kind:
            return self.counts.get(self.criteria.kind, 0)
        return sum(self.counts.values())

    @property
    def counts_total(self) -> int:
        """Matches of every kind, whatever kind is chosen."""
        return sum(self.counts.values())

    @property
    def shown(self) -> int:
        return len(self.hits)


def _body(fields: tuple[str, ...]):
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" \u2014 "))
        parts.append(F(name))
    return Concat(*parts, output_field=CharField()) if len(parts) > 1 else F(fields[0])


def section_queryset(section: SearchSection, criteria: Criteria, tsquery: str):
    """The section's matches with rank, highlights and the total count, best first;
    None when the filters rule the section out."""
    queryset = section.apply_filters(section.queryset(), criteria)
    if queryset is None:
        return None
    if tsquery:
        query = SearchQuery(tsquery, search_type="raw", config=SEARCH_CONFIG)
        queryset = (
            queryset.filter(search_vector=query)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                title_hl=SearchHeadline(
                    section.title_field,
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    highlight_all=True,
                ),
                snippet_hl=SearchHeadline(
                    _body(section.body_fields),
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_fragments=2,
                    max_words=30,
                    min_words=12,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", section.title_field)
        )
    else:
        # Filters without words: list what the filters allow, alphabetically.
        queryset = queryset.annotate(
            rank=Value(0.0, output_field=FloatField()),
            title_hl=F(section.title_field),
            snippet_hl=F(section.body_fields[0]),
        ).order_by(section.title_field)
    return queryset.annotate(match_count=Window(Count("pk")))


def _section_hits(section: SearchSection, criteria: Criteria, tsquery: str):
    """One query: the section's best hits and how many there are in all."""
    queryset = section_queryset(section, criteria, tsquery)
    if queryset is None:
        return [], 0
    rows = list(queryset[:SECTION_LIMIT])
    hits = [
        Hit(
            kind=section.kind,
            kind_label=section.label,
            title=highlight(row.title_hl),
            snippet=highlight(row.snippet_hl),
            url=section.url(row),
            rank=row.rank,
            context=section.context(row),
        )
        for row in rows
    ]
    return hits, (rows[0].match_count if rows else 0)


def run_search(criteria: Criteria, sections=None) -> SearchOutcome:
    """Search every section and merge the hits by rank.

    A chosen kind limits the hits, not the counts: the other kinds' counts tell the
    user where else the words occur.
    """
    tsquery = build_tsquery(criteria.text)
    hits, counts = [], {}
    for section in SECTIONS if sections is None else sections:
        section_hits, count = _section_hits(section, criteria, tsquery)
        if not criteria.kind or criteria.kind == section.kind:
            hits.extend(section_hits)
        counts[section.kind] = count
    # Stable sort: equal ranks keep the section order (types first).
    hits.sort(key=lambda hit: -hit.rank)
    return SearchOutcome(criteria=criteria, hits=hits, counts=counts)


# --- The catalogue's sections -------------------------------------------------------


def _filter_types(queryset, criteria):
    if criteria.theme or criteria.aspect or criteria.level:
        return None
    if criteria.type:
        queryset = queryset.filter(slug=criteria.type)
    return queryset


def _filter_interventions(queryset, criteria):
    if criteria.theme or criteria.aspect:
        return None
    if criteria.type:
        queryset = queryset.filter(intervention_type__slug=criteria.type)
    if criteria.level:
        queryset = queryset.filter(prevention_level=criteria.level)
    return queryset


def _filter_elements(queryset, criteria):
    if criteria.theme or criteria.level:
        return None
    if criteria.type:
        queryset = queryset.filter(types__slug=criteria.type)
    if criteria.aspect:
        queryset = queryset.filter(aspect=criteria.aspect)
    return queryset


def _filter_lessons(queryset, criteria):
    if criteria.aspect or criteria.level:
        return None
    if criteria.type:
        # A lesson without types applies to every type.
        queryset = queryset.filter(Q(types__slug=criteria.type) | Q(types__isnull=True))
    if criteria.theme:
        queryset = queryset.filter(theme=criteria.theme)
    return queryset


SECTIONS: list[SearchSection] = [
    SearchSection(
        kind="typen",
        label=_("Interventietype"),
        plural=_("Interventietypen"),
        queryset=lambda: InterventionType.objects.all(),
        title_field="name",
        body_fields=("short_description", "description"),
        apply_filters=_filter_types,
    ),
    SearchSection(
        kind="interventies",
        label=_("Interventie"),
        plural=_("Interventies"),
        queryset=lambda: Intervention.objects.select_related("intervention_type"),
        title_field="name",
        body_fields=("summary", "description"),
        apply_filters=_filter_interventions,
        context=lambda obj: obj.intervention_type.name,
    ),
    SearchSection(
        kind="elementen",
        label=_("Werkzaam element"),
        plural=_("Werkzame elementen"),
        queryset=lambda: EffectiveElement.objects.all(),
        title_field="title",
        body_fields=("summary", "explanation"),
        apply_filters=_filter_elements,
        context=lambda obj: obj.get_aspect_display(),
    ),
    SearchSection(
        kind="lessen",
        label=_("Geleerde les"),
        plural=_("Geleerde lessen"),
        queryset=lambda: LessonLearned.objects.all(),
        title_field="title",
        body_fields=("summary", "explanation"),
        apply_filters=_filter_lessons,
        context=lambda obj: obj.get_theme_display(),
    ),
]
