"""The evaluation-plan builder: a plan's planevaluatie, procesevaluatie and
effectevaluatie with indicators, moments, readiness checks, the uitvraag and the toolkit's
evaluation checklists. Its models are in checklists/models/evaluation_plan.py."""
