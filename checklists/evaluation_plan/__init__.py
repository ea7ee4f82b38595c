"""The evaluation-plan builder (issue 5): writes (services, reviews, copying) and URLs.
Models are in checklists/evaluation_models.py, plan_review_models.py and
programme_scan_models.py; the checks in checklists/readiness.py."""
