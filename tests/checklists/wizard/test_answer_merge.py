"""Two editors of one step (two people, or one person in two tabs or on two devices):
what each changed is stored, an answer both changed differently is refused for the
later one, next to the question, with the typed text kept and the other's answer shown.
A stale page never writes back what it shows."""

import html
import re
import threading

from django.db import connection
from django.test import Client
from django.urls import reverse

from checklists.models import Answer

STEP = "draagvlak"
X, Y = "bestuurlijk-draagvlak", "maatschappelijk-draagvlak"


def stored(plan, slug):
    answer = Answer.objects.filter(plan=plan, item__slug=slug).first()
    return answer.value if answer else ""


class Tab:
    """One loaded step page: it posts what it showed (its hidden inputs and the answers
    as loaded) plus what was typed since."""

    def __init__(self, user, plan, slug=STEP, client=None):
        self.client = client or Client()
        self.client.force_login(user)
        self.plan, self.slug = plan, slug
        page = self.client.get(self.url).content.decode()
        self.hidden = {
            name: html.unescape(value)
            for name, value in re.findall(
                r'<input type="hidden" name="(loaded|revision)" id="[^"]+" value="([^"]*)"', page
            )
        }
        self.answers = {slug: stored(plan, slug) for slug in (X, Y)}

    @property
    def url(self):
        return reverse("wizard:plan_step", args=[self.plan.pk, self.slug])

    def data(self, **typed):
        answers = {**self.answers, **{slug.replace("_", "-"): text for slug, text in typed.items()}}
        return {**self.hidden, **{f"a-{slug}": text for slug, text in answers.items()}}

    def save(self, **typed):
        return self.client.post(self.url, {**self.data(**typed), "save": "1"})

    def autosave(self, **typed):
        url = reverse("wizard:plan_step_autosave", args=[self.plan.pk, self.slug])
        return self.client.post(url, self.data(**typed), HTTP_HX_REQUEST="true")


def test_one_user_in_two_tabs_keeps_both_changes_to_different_questions(alice, delft_plan):
    client = Client()  # one browser: the two tabs share the session
    tab_a, tab_b = Tab(alice, delft_plan, client=client), Tab(alice, delft_plan, client=client)

    assert tab_a.save(bestuurlijk_draagvlak="Tekst uit tab A").status_code == 302
    # Tab B still shows the empty first question; it changes the second one only.
    assert tab_b.save(maatschappelijk_draagvlak="Tekst uit tab B").status_code == 302

    assert stored(delft_plan, X) == "Tekst uit tab A"
    assert stored(delft_plan, Y) == "Tekst uit tab B"


def test_one_user_in_a_stale_tab_is_refused_next_to_the_question_both_changed(alice, delft_plan):
    client = Client()
    tab_a, tab_b = Tab(alice, delft_plan, client=client), Tab(alice, delft_plan, client=client)
    tab_a.save(bestuurlijk_draagvlak="Tekst uit tab A")

    response = tab_b.save(
        bestuurlijk_draagvlak="Tekst uit tab B", maatschappelijk_draagvlak="Ook uit tab B"
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert stored(delft_plan, X) == "Tekst uit tab A"  # not overwritten
    assert stored(delft_plan, Y) == "Ook uit tab B"  # changed by tab B only: stored
    # Next to the first question: the refusal with tab A's text; tab B's text is kept.
    field = page[page.index(f'id="veld-{X}"') :]
    field = field[: field.index('class="mb-4 wizard-field')]
    assert "Tekst uit tab B</textarea>" in field
    box = field[field.index(f'<div id="conflict-{X}">') :]
    assert "Niet opgeslagen: iemand anders heeft dit veld intussen gewijzigd" in box
    assert "Tekst uit tab A" in box
    assert f'aria-describedby="id_a-{X}_helptext conflict-{X}"' in field
    # Saving again stores tab B's text deliberately.
    hidden = dict(
        re.findall(
            r'<input type="hidden" name="(loaded|revision)" id="[^"]+" value="([^"]*)"', page
        )
    )
    tab_b.hidden = {name: html.unescape(value) for name, value in hidden.items()}
    tab_b.answers[Y] = "Ook uit tab B"
    assert tab_b.save(bestuurlijk_draagvlak="Tekst uit tab B").status_code == 302
    assert stored(delft_plan, X) == "Tekst uit tab B"


def test_two_people_changing_different_questions_both_keep_their_change(alice, carla, delft_plan):
    alices, carlas = Tab(alice, delft_plan), Tab(carla, delft_plan)

    assert carlas.save(bestuurlijk_draagvlak="Van Carla").status_code == 302
    assert alices.save(maatschappelijk_draagvlak="Van Alice").status_code == 302

    assert (stored(delft_plan, X), stored(delft_plan, Y)) == ("Van Carla", "Van Alice")


def test_a_stale_tabs_autosave_keeps_the_other_tabs_answer_and_says_what_it_refused(
    alice, delft_plan
):
    client = Client()
    tab_a, tab_b = Tab(alice, delft_plan, client=client), Tab(alice, delft_plan, client=client)
    tab_a.autosave(bestuurlijk_draagvlak="Tekst uit tab A")

    body = tab_b.autosave(maatschappelijk_draagvlak="Uit tab B").content.decode()
    assert "Opgeslagen om" in body
    assert stored(delft_plan, X) == "Tekst uit tab A"

    body = tab_b.autosave(
        bestuurlijk_draagvlak="Anders uit tab B", maatschappelijk_draagvlak="Uit tab B"
    ).content.decode()
    assert "Niet opgeslagen: iemand anders heeft dit veld intussen gewijzigd" in body
    assert "Opgeslagen om" not in body
    slot = body[body.index(f'<div id="conflict-{X}" hx-swap-oob="true">') :]
    assert "Tekst uit tab A" in slot[: slot.index("</p></div>")]
    assert stored(delft_plan, X) == "Tekst uit tab A"


def test_parallel_autosaves_of_one_question_report_exactly_one_as_stored(
    transactional_db, alice, delft_plan
):
    tabs = [Tab(alice, delft_plan) for _ in range(4)]
    barrier = threading.Barrier(len(tabs))
    answers, errors = {}, []

    def autosave(number, tab):
        try:
            barrier.wait()
            response = tab.autosave(bestuurlijk_draagvlak=f"Tekst uit tabblad {number}")
            answers[number] = response.content.decode()
        except Exception as exc:  # the test reports any failure, whatever it is
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=autosave, args=pair) for pair in enumerate(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    saved = [n for n, text in answers.items() if "Opgeslagen om" in text]
    refused = [n for n, text in answers.items() if "Niet opgeslagen" in text]
    assert len(saved) == 1 and len(refused) == 3
    assert stored(delft_plan, X) == f"Tekst uit tabblad {saved[0]}"


def test_a_stale_tabs_list_rows_are_refused_until_saved_again(alice, delft_plan):
    """List rows are still protected by the plan's revision: a tab that did not see the
    newest save stores its answers but not its rows, and keeps them on the page."""
    client = Client()
    tab_a = Tab(alice, delft_plan, slug="doelen", client=client)
    tab_b = Tab(alice, delft_plan, slug="doelen", client=client)
    tab_a.autosave(hoofddoel="Ouders voelen zich sterker")
    rows = {
        "subdoel-TOTAL_FORMS": "1",
        "subdoel-INITIAL_FORMS": "0",
        "subdoel-MIN_NUM_FORMS": "0",
        "subdoel-MAX_NUM_FORMS": "1000",
        "subdoel-0-description": "40 ouders nemen deel",
    }

    response = client.post(tab_b.url, {**tab_b.data(), **rows, "save": "1"})

    page = response.content.decode()
    assert response.status_code == 409
    assert "Uw wijzigingen in de lijst zijn niet opgeslagen" in page
    assert 'value="40 ouders nemen deel"' in page
    assert not delft_plan.sub_goals.exists()
    assert stored(delft_plan, "hoofddoel") == "Ouders voelen zich sterker"
    revision = re.search(r'name="revision" id="plan-revision" value="(\d+)"', page)[1]
    loaded = html.unescape(re.search(r'name="loaded" id="plan-loaded" value="([^"]*)"', page)[1])
    response = client.post(tab_b.url, {"revision": revision, "loaded": loaded, **rows, "save": "1"})
    assert response.status_code == 302
    assert delft_plan.sub_goals.get().description == "40 ouders nemen deel"
