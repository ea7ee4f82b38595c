"""PDF export of a plan of approach.

`render.render_plan_pdf(plan, language)` renders; `cache.plan_pdf(plan, language)` is
what views call: the same bytes, reused until the plan changes. See docs/pdf.md.
"""
