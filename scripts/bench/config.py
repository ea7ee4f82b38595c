"""Names and sizes shared by the bench process and its Django subprocesses."""

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

# EBW_BENCH_DB lets a second checkout (e.g. a worktree with a proposed fix) measure
# without rebuilding this checkout's databases.
SCALE_DB = os.environ.get("EBW_BENCH_DB", "ebw_bench")
SMALL_DB = f"{SCALE_DB}_small"

# The bench login. Its municipality and plans exist at both scales, so every page can
# be measured at 1x (demo data) and at 100x.
BENCH_USERNAME = "bench-redacteur"
BENCH_PASSWORD = "bench-wachtwoord-niet-in-productie"  # noqa: S105 - local bench database
BENCH_MUNICIPALITY = "Benchstad"
BENCH_PLAN_TITLES = ("Benchplan A", "Benchplan B")
LARGE_PLAN_TITLE = "Groot benchplan"
LARGE_PLAN_SUB_GOALS = 20
LARGE_ANSWER_WORDS = 2000
# ... cut to the longest answer the portal takes (checklists.models.text_limits.LONG_TEXT;
# this module is read outside Django, so the number is repeated, and a test compares them).
LARGE_ANSWER_CHARS = 5_000

# 100x the real catalogue (6 types, ~8 interventions, ~40 elements and lessons) and the
# real users: every Dutch municipality, several years of plans.
SCALE = {
    "municipalities": 342,
    "users": 3000,
    "plans": 20_000,
    "interventions": 2000,
    "evaluations": 10_000,
    "effective_elements": 2500,
    "lessons": 2500,
}

SEARCH_WORD = "ouders"

# The key of the floor page in every result.
FLOOR = "vloer"
