"""What a reader sees of a plan, by audience: the one place that decides it.

The plan's overview, the sharing previews and the PDF all take the plan's content from
`plan_content(plan, audience)`; the preview of "what other municipalities see" is the
same call as the page those municipalities get, so the two cannot differ.

The team sees everything. Readers from outside (other municipalities reading a
voorbeeldplan, ESS reading a plan shared for advice) see the plan's content without
the names of people: stakeholders by kind, role and responsibility only (a person is
easily entered as an organisation, so no stakeholder's name is shown) and not who
changed the plan last. The plan's history and its internal review findings are not
part of a shared plan at all (`checklists.access.get_plan_for_team`).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from checklists.access import is_ess, is_shared_with_ess, may_see_internals
from checklists.wizard.answers import display


class Audience(StrEnum):
    TEAM = "team"
    MUNICIPALITIES = "voorbeeldplan"
    ESS = "ess"

    @property
    def is_outsider(self) -> bool:
        return self is not Audience.TEAM


# What the preview pages are called, by audience (slug in the URL: the enum's value).
PREVIEW_TITLES = {
    Audience.MUNICIPALITIES: _("Zo zien andere gemeenten dit voorbeeldplan"),
    Audience.ESS: _("Zo ziet ESS dit plan"),
}


def audience_of(user, plan) -> Audience:
    """Who the user is to this plan (the user may read it)."""
    if may_see_internals(user, plan):
        return Audience.TEAM
    if is_ess(user) and is_shared_with_ess(user, plan):
        return Audience.ESS
    return Audience.MUNICIPALITIES


@dataclass(frozen=True)
class StakeholderEntry:
    """A stakeholder as the audience sees it: `name` is empty when it is not shown."""

    name: str
    kind_label: str
    role: str
    responsibility: str


def stakeholder_entries(stakeholders, audience: Audience) -> list[StakeholderEntry]:
    return [
        StakeholderEntry(
            name="" if audience.is_outsider else s.name,
            kind_label=s.get_kind_display(),
            role=s.role,
            responsibility=s.responsibility,
        )
        for s in stakeholders
    ]


@dataclass
class PlanContent:
    plan: object
    audience: Audience
    rows: list
    sub_goals: list
    stakeholders: list[StakeholderEntry]
    adopted: list
    updated_by: object  # None when not shown

    @property
    def shows_names(self) -> bool:
        return not self.audience.is_outsider


def plan_content(plan, sections, audience: Audience) -> PlanContent:
    """The plan's content as `audience` sees it (`sections`: progress.sections_of)."""
    answers = {a.item_id: a.value for a in plan.answers.all()}
    rows = [
        (
            section,
            [(item, display(item, answers.get(item.pk, ""))) for item in section.active_items],
        )
        for section in sections
    ]
    return PlanContent(
        plan=plan,
        audience=audience,
        rows=rows,
        sub_goals=list(plan.sub_goals.all()),
        stakeholders=stakeholder_entries(plan.stakeholders.all(), audience),
        adopted=list(plan.adopted_elements.select_related("element")),
        updated_by=None if audience.is_outsider else plan.updated_by,
    )
