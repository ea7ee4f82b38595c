"""Version numbers of what logged-in pages show, so that such a page can be kept.

A municipality's workspace is its plans with everything in them (answers, lists,
adopted elements, history, evaluation plan, reviews, scans) and its users. Each
municipality has one number, and one shared number (scope 0) covers what crosses
municipalities: voorbeeldplannen and plans shared with ESS, municipality names, users
without a municipality. `ebw_portal.page_cache.private_page_copy` keys a user's copy of
a page on both numbers; any change to the workspace raises them, so the copy is gone.

When the numbers go up, and why then:
- **Right after the commit**, in one statement of its own (`transaction.on_commit`).
  A page reads the numbers before it reads any data, so a page rendered before the
  commit is stored under the old numbers, and nobody asks for those after the raise.
  Raising them at the first change inside the writing transaction would hold the row
  lock until its commit: an autosave (which locks its plan with the revision claim) and
  another change in the same municipality (which locked the number first) could then
  wait for each other. The autosave's `save_step` raises them as the very last
  statement of its own transaction instead (`raise_before_commit`): one statement and
  commit less, and nothing is locked after the numbers.
- **For every way of writing.** Saves and deletes are seen through signals, which
  also tell which plan or municipality changed. `QuerySet.update()`, `bulk_create()`
  and raw SQL send no signal: the code that uses them calls `changed(...)` itself,
  and as a safety net every INSERT, UPDATE or DELETE on a workspace table is seen in
  the SQL itself (`_see_sql`). A write that nobody attributed to a plan or a
  municipality raises the shared number, which renews everyone's copies: slower, never
  stale. The log then says which table to attribute.

What is not seen: a change made outside Django (psql). Copies expire after a few
minutes anyway (`ebw_portal.page_cache.PRIVATE_TIMEOUT`).
"""

import logging
import re
from dataclasses import dataclass, field

from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save

from checklists.evaluation_models import (
    EvaluationChecklistAnswer,
    EvaluationMoment,
    Indicator,
    PlannedEvaluation,
)
from checklists.models import (
    AdoptedElement,
    Answer,
    PlanChange,
    PlanOfApproach,
    Stakeholder,
    SubGoal,
    WorkspaceVersion,
)
from checklists.plan_review_models import PlanReview, PlanReviewOutcome, ReviewAnswer
from checklists.programme_scan_models import ProgrammeScan, ScanAnswer
from ebw_portal.accounts.models import Municipality, User

logger = logging.getLogger(__name__)

SHARED = 0
# What a plan object must have loaded to tell its scopes without a lookup.
_SCOPE_FIELDS = {"municipality_id", "is_example_plan", "shared_with_ess"}


@dataclass
class _Changes:
    """What one transaction changed, gathered until it commits."""

    scopes: set = field(default_factory=set)
    plans: set = field(default_factory=set)
    evaluations: set = field(default_factory=set)
    reviews: set = field(default_factory=set)
    scans: set = field(default_factory=set)
    written: set = field(default_factory=set)  # workspace tables with an INSERT/UPDATE/DELETE
    attributed: set = field(default_factory=set)  # ... of which a change was told

    def __post_init__(self):
        self.callback = self.flush  # one bound method, to find it back in run_on_commit

    def add(self, table, scopes=(), plans=(), evaluations=(), reviews=(), scans=()):
        """`plans`: plan objects (their municipality is known, no lookup needed) or ids."""
        self.attributed.add(table)
        self.scopes.update(s if s is not None else SHARED for s in scopes)
        for plan in plans:
            if isinstance(plan, PlanOfApproach) and not (
                _SCOPE_FIELDS & plan.get_deferred_fields()
            ):
                self.scopes.add(plan.municipality_id)
                if plan.is_example_plan or plan.shared_with_ess:
                    self.scopes.add(SHARED)
            else:
                self.plans.add(getattr(plan, "pk", plan))
        self.evaluations.update(evaluations)
        self.reviews.update(reviews)
        self.scans.update(scans)

    def clear(self):
        for name in ("scopes", "plans", "evaluations", "reviews", "scans", "written"):
            getattr(self, name).clear()

    def flush(self):
        unattributed = self.written - self.attributed
        if unattributed:
            logger.warning(
                "Wijziging in %s zonder plan of gemeente: alle kopieën van pagina's vervallen.",
                ", ".join(sorted(unattributed)),
            )
            self.scopes.add(SHARED)
        if self.scopes or self.plans or self.evaluations or self.reviews or self.scans:
            _raise(self)


def _raise(changes: _Changes) -> None:
    """One statement, raising the numbers in a fixed order, so that two of these
    statements never wait for each other crosswise."""
    table = WorkspaceVersion._meta.db_table
    upsert = f"""
        INSERT INTO {table} (scope, number) SELECT scope, 1 FROM scopes
        WHERE scope IS NOT NULL ORDER BY scope
        ON CONFLICT (scope) DO UPDATE SET number = {table}.number + 1
    """  # noqa: S608 (table names come from the models, values are parameters)
    if not (changes.plans or changes.evaluations or changes.reviews or changes.scans):
        # The usual case (the services pass the plan itself): known scopes only, a
        # statement PostgreSQL plans in a twentieth of a millisecond.
        sql = f"WITH scopes AS (SELECT unnest(%(scopes)s::bigint[]) AS scope) {upsert}"
    else:
        # Rows of which only an id is known (the admin, a cascade): find their plans'
        # municipalities, and whether those plans cross municipalities. Lookups by key.
        sql = f"""
            WITH plan_ids AS (
                SELECT unnest(%(plans)s::bigint[]) AS id
                UNION SELECT plan_id FROM {PlannedEvaluation._meta.db_table}
                      WHERE id = ANY(%(evaluations)s::bigint[])
                UNION SELECT plan_id FROM {PlanReview._meta.db_table}
                      WHERE id = ANY(%(reviews)s::bigint[])
            ), plans AS (
                SELECT municipality_id, (is_example_plan OR shared_with_ess) AS crosses
                FROM {PlanOfApproach._meta.db_table} WHERE id IN (SELECT id FROM plan_ids)
            ), scopes AS (
                SELECT unnest(%(scopes)s::bigint[]) AS scope
                UNION SELECT municipality_id FROM plans
                UNION SELECT {SHARED} FROM plans WHERE crosses
                UNION SELECT municipality_id FROM {ProgrammeScan._meta.db_table}
                      WHERE id = ANY(%(scans)s::bigint[])
            ) {upsert}
        """  # noqa: S608
    params = {
        "scopes": sorted(changes.scopes),
        "plans": sorted(changes.plans),
        "evaluations": sorted(changes.evaluations),
        "reviews": sorted(changes.reviews),
        "scans": sorted(changes.scans),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _of_this_transaction() -> _Changes | None:
    changes = getattr(connection, "_workspace_changes", None)
    registered = changes is not None and any(
        entry[1] is changes.callback for entry in connection.run_on_commit
    )
    # If not: gathered in an earlier transaction, or in a savepoint that rolled back.
    return changes if registered else None


def _pending() -> _Changes:
    """The changes of the current transaction; outside one, changes of one statement."""
    if not connection.in_atomic_block:
        return _loose()
    changes = _of_this_transaction()
    if changes is None:
        changes = _Changes()
        connection._workspace_changes = changes
        # robust: the data is committed; a failed raise is logged, the user's request
        # does not fail for it (copies then live until PRIVATE_TIMEOUT at most).
        transaction.on_commit(changes.callback, robust=True)
    return changes


def _loose() -> _Changes:
    """Outside a transaction each statement commits by itself. Its signal (if any) comes
    right after it; what is still unattributed is raised before the next statement."""
    changes = getattr(connection, "_workspace_loose", None)
    if changes is None:
        changes = connection._workspace_loose = _Changes()
    return changes


def _flush_loose() -> None:
    changes = getattr(connection, "_workspace_loose", None)
    if changes is not None:
        connection._workspace_loose = None
        changes.flush()


def _record(table, **how) -> None:
    _pending().add(table, **how)
    if not connection.in_atomic_block:
        _flush_loose()
    elif RAISE_WITHOUT_COMMIT and not getattr(connection, "_workspace_in_request", False):
        _raise_pending_now()


def raise_before_commit() -> None:
    """Raise the numbers now, as the last statement of the transaction, instead of in a
    statement and commit of their own after it: the autosave saves a commit this way.
    Only in the outermost transaction: nothing is locked after the numbers' rows then, so
    two transactions cannot end up waiting for each other."""
    if RAISE_WITHOUT_COMMIT or len(connection.atomic_blocks) != 1:
        return
    changes = _of_this_transaction()
    if changes is not None:
        changes.flush()
        changes.clear()


def changed(*models, scopes=(), plans=(), evaluations=(), reviews=(), scans=()) -> None:
    """Tell that rows of `models` changed in the given municipalities or plans, right
    after a write that sends no signal (update(), bulk_create())."""
    how = {"scopes": scopes, "plans": plans, "evaluations": evaluations, "reviews": reviews}
    for model in models:
        _record(model._meta.db_table, scans=scans, **how)


# ---- which plan or municipality a saved or deleted object belongs to -----------------

_HOW: dict = {}


def _user_scopes(user, update_fields):
    # Logging in only writes last_login: nobody's page shows it.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return {}
    return {"scopes": (user.municipality_id, SHARED)}


def _register():
    def by_plan(obj, _fields):
        # The plan object itself when the instance carries it (as the services' do).
        cached = obj._state.fields_cache.get("plan")
        return {"plans": (cached if cached is not None else obj.plan_id,)}

    def by_evaluation(obj, _fields):
        evaluation = obj._state.fields_cache.get("evaluation")
        if evaluation is not None:
            return by_plan(evaluation, _fields)
        return {"evaluations": (obj.evaluation_id,)}

    # A plan's own row: also the shared number, since being a voorbeeldplan or shared
    # with ESS (now or before this save) shows it to other municipalities.
    _HOW[PlanOfApproach] = lambda plan, _f: {"scopes": (plan.municipality_id, SHARED)}
    for model in (
        Answer,
        SubGoal,
        Stakeholder,
        AdoptedElement,
        PlanChange,
        PlannedEvaluation,
        PlanReview,
        PlanReviewOutcome,
    ):
        _HOW[model] = by_plan
    for model in (EvaluationMoment, Indicator, EvaluationChecklistAnswer):
        _HOW[model] = by_evaluation
    _HOW[ReviewAnswer] = lambda answer, _f: {"reviews": (answer.review_id,)}
    _HOW[ProgrammeScan] = lambda scan, _f: {"scopes": (scan.municipality_id,)}
    _HOW[ScanAnswer] = lambda answer, _f: {"scans": (answer.scan_id,)}
    _HOW[User] = _user_scopes
    _HOW[Municipality] = lambda _m, _f: {"scopes": (SHARED,)}


def _on_save(sender, instance, update_fields=None, **_kwargs):
    _record(sender._meta.db_table, **_HOW[sender](instance, update_fields))


def _on_delete(sender, instance, **_kwargs):
    _on_save(sender, instance)


# ---- the safety net: every write to a workspace table, seen in its SQL ---------------

_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _see_sql(execute, sql, params, many, context):
    if not connection.in_atomic_block:
        _flush_loose()  # the previous statement's changes, if no signal took them
    match = _WRITE.match(sql) if isinstance(sql, str) else None
    if match and match.group(1) in _TABLES:
        _pending().written.add(match.group(1))
    return execute(sql, params, many, context)


_TABLES: set = set()


def _install_sql_watch(sender, connection, **_kwargs):
    if _see_sql not in connection.execute_wrappers:
        connection.execute_wrappers.append(_see_sql)


def track() -> None:
    """Called once from ChecklistsConfig.ready()."""
    _register()
    for model in _HOW:
        _TABLES.add(model._meta.db_table)
        uid = f"workspace:{model._meta.label}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}:delete")
    connection_created.connect(_install_sql_watch, dispatch_uid="workspace:sql")
    request_started.connect(_request_started, dispatch_uid="workspace:started")
    request_finished.connect(_request_finished, dispatch_uid="workspace:finished")
    _install_sql_watch(None, connection)  # this thread's connection may exist already


# ---- tests: one transaction that is never committed ----------------------------------
# Most tests run inside one transaction, so no commit would ever raise a number. With
# this set (an autouse fixture in tests/conftest.py does), what a request changed is
# raised when the request ends, where production's commit would raise it, and what a
# test changes itself, outside a request, is raised at once. So a request's query count
# in a test is that of production: one raise for a request that writes, none for one
# that only reads.
RAISE_WITHOUT_COMMIT = False


def _raise_pending_now() -> None:
    changes = _of_this_transaction()
    connection._workspace_changes = None
    if changes is not None:
        changes.flush()
        changes.clear()  # its on_commit callback (never run in such a test) does nothing


def _request_started(**_kwargs):
    if RAISE_WITHOUT_COMMIT:
        connection._workspace_in_request = True


def _request_finished(**_kwargs):
    connection._workspace_in_request = False
    if RAISE_WITHOUT_COMMIT:
        _raise_pending_now()


def current(user) -> tuple[int, int]:
    """(shared number, number of the user's municipality), read before any data."""
    own = user.municipality_id or SHARED
    numbers = dict(
        WorkspaceVersion.objects.filter(scope__in=(SHARED, own)).values_list("scope", "number")
    )
    return numbers.get(SHARED, 0), numbers.get(own, 0)
