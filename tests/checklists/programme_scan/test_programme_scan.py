"""The quick programmascan: results per part, the comparison with the previous scan,
the anonymous national average (only with at least five municipalities), tenancy."""

import re
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from checklists.models.programme_scan import ProgrammeScan, ScanAnswer, ScanQuestion
from checklists.programme_scan import services as programme_scan


@pytest.fixture
def questions(db):
    call_command("loaddata", "fixtures/33_programmascan.json", verbosity=0)
    return list(ScanQuestion.objects.all())


def completed_scan(municipality, year, answer_for):
    """A completed scan answering each question with answer_for(question)."""
    scan = ProgrammeScan.objects.create(
        municipality=municipality, year=year, completed_at=timezone.now()
    )
    ScanAnswer.objects.bulk_create(
        ScanAnswer(scan=scan, question=q, answer=answer_for(q)) for q in ScanQuestion.objects.all()
    )
    return scan


def by_part(results):
    return {r.part: r for r in results}


def test_the_shipped_scan_covers_the_four_parts_with_about_26_questions(questions):
    assert len(questions) == 26
    assert {q.part for q in questions} == {"visie", "strategie", "beleid", "interventies"}


def test_results_per_part_count_ja_fully_and_deels_half(questions, delft):
    scan = completed_scan(
        delft,
        2026,
        lambda q: {"visie": "ja", "strategie": "deels", "beleid": "nee"}.get(q.part, "ja"),
    )
    result = by_part(programme_scan.results(scan))
    assert result["visie"].percent == 100
    assert result["strategie"].percent == 50
    assert result["beleid"].percent == 0


def test_the_comparison_with_the_previous_scan_shows_the_change(questions, delft):
    completed_scan(delft, 2025, lambda q: "nee" if q.part == "beleid" else "deels")
    scan = completed_scan(delft, 2026, lambda q: "deels")
    result = by_part(programme_scan.results(scan))
    assert result["beleid"].previous_percent == 0
    assert result["beleid"].change == 50
    assert result["visie"].change == 0


def test_a_first_scan_has_nothing_to_compare_with(questions, delft):
    scan = completed_scan(delft, 2026, lambda q: "ja")
    assert programme_scan.previous_scan(scan) is None
    assert all(r.previous_percent is None for r in programme_scan.results(scan))


def _municipalities(n, start=0):
    from ebw_portal.accounts.models import Municipality

    return [
        Municipality.objects.create(name=f"Gemeente {i}", cbs_code=f"GM9{i:03d}")
        for i in range(start, start + n)
    ]


def test_the_national_average_appears_only_with_five_municipalities(questions, delft):
    own = completed_scan(delft, 2026, lambda q: "ja")
    for municipality in _municipalities(3):
        completed_scan(municipality, 2026, lambda q: "nee")
    assert all(r.national_percent is None for r in programme_scan.results(own))

    completed_scan(_municipalities(1, start=10)[0], 2026, lambda q: "nee")
    # Five municipalities: Delft 100%, four at 0% -> 20%.
    assert {r.national_percent for r in programme_scan.results(own)} == {20}


def test_open_or_older_scans_do_not_count_for_the_national_average(questions, delft):
    own = completed_scan(delft, 2026, lambda q: "ja")
    others = _municipalities(5)
    for municipality in others[:3]:
        completed_scan(municipality, 2026, lambda q: "ja")
    completed_scan(others[3], 2025, lambda q: "ja")
    ProgrammeScan.objects.create(municipality=others[4], year=2026)
    assert programme_scan.national_averages(2026) == {}
    assert all(r.national_percent is None for r in programme_scan.results(own))


def test_a_scan_is_completed_only_with_every_question_answered(questions, alice):
    scan = programme_scan.start_scan(alice, 2026)
    answers = {q.pk: "ja" for q in questions}
    answers[questions[0].pk] = ""
    programme_scan.save_scan(scan, alice, answers)
    with pytest.raises(ValidationError, match="nog 1 open"):
        programme_scan.complete_scan(scan, alice)
    answers[questions[0].pk] = "deels"
    programme_scan.save_scan(scan, alice, answers)
    programme_scan.complete_scan(scan, alice)
    scan.refresh_from_db()
    assert scan.is_completed


def test_only_a_redacteur_of_the_municipality_fills_in_its_scan(questions, alice, dirk, bob):
    with pytest.raises(PermissionDenied):
        programme_scan.start_scan(dirk, 2026)
    scan = programme_scan.start_scan(alice, 2026)
    for user in (dirk, bob):
        with pytest.raises(PermissionDenied):
            programme_scan.save_scan(scan, user, {})


def test_another_municipality_gets_404_on_the_scan_pages(client, questions, alice, bob):
    scan = programme_scan.start_scan(alice, 2026)
    client.force_login(bob)
    for name in ("programme_scan:fill", "programme_scan:results"):
        assert client.get(reverse(name, kwargs={"pk": scan.pk})).status_code == 404
    assert scan not in client.get(reverse("programme_scan:list")).context["scans"]


def test_filling_in_the_scan_through_the_pages(
    client, questions, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    response = client.post(reverse("programme_scan:start"))
    scan = ProgrammeScan.objects.get()
    assert response.url == reverse("programme_scan:fill", kwargs={"pk": scan.pk})
    page = client.get(response.url).content.decode()
    assert "Visie" in page and "Interventies" in page
    data = {f"vraag-{q.pk}": "ja" for q in questions}
    data[f"vraag-{questions[-1].pk}"] = ""
    data["complete"] = "1"
    response = client.post(reverse("programme_scan:fill", kwargs={"pk": scan.pk}), data)
    assert "nog 1 open" in response.content.decode()
    assert ScanAnswer.objects.filter(scan=scan).count() == 25
    data[f"vraag-{questions[-1].pk}"] = "nee"
    response = client.post(reverse("programme_scan:fill", kwargs={"pk": scan.pk}), data)
    assert response.url == reverse("programme_scan:results", kwargs={"pk": scan.pk})
    with django_assert_max_num_queries(10):
        html = client.get(response.url).content.decode()
    assert "88%" in html  # interventies: 7 × ja, 1 × nee: 14 of 16 points


@pytest.mark.parametrize("others", [5, 12])
def test_the_results_page_takes_a_fixed_number_of_queries(
    client, questions, alice, django_assert_max_num_queries, others
):
    completed_scan(alice.municipality, 2025, lambda q: "nee")
    scan = completed_scan(alice.municipality, 2026, lambda q: "ja")
    for municipality in _municipalities(others):
        completed_scan(municipality, 2026, lambda q: "deels")
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("programme_scan:results", kwargs={"pk": scan.pk}))
    assert response.status_code == 200
    assert "Landelijk gemiddelde" in response.content.decode()


# --- two sessions at once -------------------------------------------------------------


def fill_url(scan):
    return reverse("programme_scan:fill", kwargs={"pk": scan.pk})


def test_saving_the_scan_keeps_what_a_colleague_answered_meanwhile(client, questions, alice, carla):
    scan = programme_scan.start_scan(alice, 2026)
    first, second, third = questions[:3]
    client.force_login(alice)
    page = client.get(fill_url(scan)).content.decode()
    assert f'name="geladen-{first.pk}"' in page
    # Carla answers two questions in her own session while Alice's page is open.
    programme_scan.save_scan(scan, carla, {first.pk: "nee", second.pk: "ja"}, {})

    # Alice's page still shows every question open; she answers the first and the third.
    data = {f"geladen-{q.pk}": "" for q in questions}
    data.update({f"vraag-{first.pk}": "ja", f"vraag-{third.pk}": "deels", "save": "1"})
    response = client.post(fill_url(scan), data)

    stored = dict(scan.answers.values_list("question_id", "answer"))
    assert stored == {first.pk: "nee", second.pk: "ja", third.pk: "deels"}
    assert response.status_code == 409
    html = response.content.decode()
    assert "Een collega heeft intussen ook vragen beantwoord" in html
    assert html.count("Intussen door een collega opgeslagen:") == 1
    assert f'id="id_vraag-{first.pk}_conflict"' in html
    assert f'aria-describedby="id_vraag-{first.pk}_conflict"' in html
    # Her own choice is still selected, and saving again now takes it deliberately.
    assert re.search(rf'name="vraag-{first.pk}" value="ja"[^>]*checked', html)
    assert f'name="geladen-{first.pk}" value="nee"' in html
    # Carla's other answer now shows on Alice's page, so saving again keeps it.
    assert re.search(rf'name="vraag-{second.pk}" value="ja"[^>]*checked', html)
    data[f"geladen-{first.pk}"], data[f"geladen-{second.pk}"] = "nee", "ja"
    data[f"vraag-{second.pk}"] = "ja"
    data[f"geladen-{third.pk}"] = "deels"
    assert client.post(fill_url(scan), data).status_code == 302
    stored = dict(scan.answers.values_list("question_id", "answer"))
    assert stored == {first.pk: "ja", second.pk: "ja", third.pk: "deels"}


def test_two_sessions_saving_the_scan_at_the_same_moment_lose_nothing(
    transactional_db, questions, alice, carla
):
    scan = programme_scan.start_scan(alice, 2026)
    first, second, third = questions[:3]
    barrier = threading.Barrier(2)
    outcomes, errors = {}, []

    def save(user, answers):
        try:
            barrier.wait()
            outcomes[user.username] = programme_scan.save_scan(
                scan, user, answers, {q.pk: "" for q in questions[:3]}
            )
        except Exception as exc:  # the test reports any failure, whatever it is
            errors.append(exc)
        finally:
            connection.close()

    # Both pages were opened with nothing answered; both answer the first question
    # differently and one other question each.
    sessions = [
        threading.Thread(target=save, args=(alice, {first.pk: "ja", second.pk: "ja"})),
        threading.Thread(target=save, args=(carla, {first.pk: "nee", third.pk: "nee"})),
    ]
    for thread in sessions:
        thread.start()
    for thread in sessions:
        thread.join()

    assert errors == []
    stored = dict(scan.answers.values_list("question_id", "answer"))
    assert stored[second.pk] == "ja" and stored[third.pk] == "nee"
    # The first question keeps the answer of whoever saved first; the other is told.
    reported = [conflicts for conflicts in outcomes.values() if conflicts]
    assert reported == [{first.pk: stored[first.pk]}]
