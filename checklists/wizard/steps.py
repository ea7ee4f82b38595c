"""The wizard as a list of step objects (the pretix checkout-flow pattern).

Each step has a slug, a title, the checklist section it covers (if any), its own URL,
`is_applicable(plan)` and `is_complete(plan)`. The list is built from the checklist in
the database, so a section ESS adds in the admin becomes a step without a code change.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Step:
    slug = ""
    title = ""
    section = None

    def __init__(self, progress):
        self.progress = progress

    def is_applicable(self, plan) -> bool:
        return True

    def is_complete(self, plan) -> bool:
        raise NotImplementedError

    def url(self, plan) -> str:
        raise NotImplementedError


class DetailsStep(Step):
    """Title, intervention type, catalogue intervention and dates."""

    slug = "gegevens"
    title = _("Gegevens van het plan")

    def is_complete(self, plan) -> bool:
        return bool(plan.title and plan.intervention_type_id)

    def url(self, plan) -> str:
        return reverse("wizard:plan_details", kwargs={"pk": plan.pk})


class SectionStep(Step):
    def __init__(self, progress, section):
        super().__init__(progress)
        self.section = section
        self.slug = section.slug
        self.title = section.title

    def is_applicable(self, plan) -> bool:
        # A section ESS has emptied (no active questions, no list) has nothing to ask.
        return bool(self.section.active_items or self.section.list_kind)

    def is_complete(self, plan) -> bool:
        return self.progress.for_section(self.section).is_complete

    def url(self, plan) -> str:
        return reverse(
            "wizard:plan_step", kwargs={"pk": plan.pk, "section_slug": self.section.slug}
        )


class ReviewStep(Step):
    slug = "controle"
    title = _("Controle en definitief maken")

    def is_complete(self, plan) -> bool:
        return plan.is_definitive

    def url(self, plan) -> str:
        return reverse("wizard:plan_review", kwargs={"pk": plan.pk})


def wizard_steps(plan, sections, progress) -> list[Step]:
    steps = [DetailsStep(progress)]
    steps += [SectionStep(progress, section) for section in sections]
    steps.append(ReviewStep(progress))
    return [step for step in steps if step.is_applicable(plan)]


def neighbours(steps, current_slug):
    """The steps before and after the current one (None at the ends)."""
    slugs = [step.slug for step in steps]
    index = slugs.index(current_slug)
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    return previous, following


def resume_url(plan, sections, progress) -> str:
    """Where "Verder invullen" leads: the first step that is not complete yet, or the
    review step when every step is."""
    steps = wizard_steps(plan, sections, progress)
    for step in steps:
        if not isinstance(step, ReviewStep) and not step.is_complete(plan):
            return step.url(plan)
    return steps[-1].url(plan)


def reader_url(step, plan) -> str:
    """A step's place for someone who may only read the plan: its part of the overview
    (a step's own page is an edit page)."""
    if isinstance(step, ReviewStep):
        return step.url(plan)
    anchor = f"#onderdeel-{step.section.slug}" if step.section else ""
    return plan.get_absolute_url() + anchor
