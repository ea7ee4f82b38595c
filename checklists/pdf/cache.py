"""The PDF of a plan is rendered once and reused until the plan changes.

Every change to a plan goes through checklists.wizard.services, which raises `revision` and
sets `updated_at`; both are in the key, so a changed plan gets a new key and the old
entry simply expires. Changes outside the plan (ESS renames a question, a new
evaluation changes an evidence label) are picked up when the entry expires after
CACHE_SECONDS; bump LAYOUT_VERSION when the template or stylesheet changes.
"""

from django.core.cache import cache

from checklists.pdf import render
from checklists.pdf.render import supported_language
from checklists.wizard.sharing import Audience

LAYOUT_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24


def cache_key(plan, language: str, audience: Audience = Audience.TEAM) -> str:
    # The audience is in the key: the team's document has names the others' has not.
    stamp = plan.updated_at.isoformat() if plan.updated_at else "-"
    return (
        f"plan-pdf:v{LAYOUT_VERSION}:{plan.pk}:{plan.revision}:{stamp}:"
        f"{supported_language(language)}:{audience}"
    )


def plan_pdf(plan, language: str, audience: Audience = Audience.TEAM) -> bytes:
    key = cache_key(plan, language, audience)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render.render_plan_pdf(plan, supported_language(language), audience=audience)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
