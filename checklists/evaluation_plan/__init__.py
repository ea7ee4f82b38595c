"""The evaluation-plan builder (issue 5): services and URLs. Models are in
checklists/evaluation_models.py, checks in checklists/readiness.py."""
