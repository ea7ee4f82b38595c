"""An autosave and a submit of the same step may reach the server at the same moment."""

import threading

from django.db import connection

from checklists.models import Answer
from checklists.wizard import services


def test_simultaneous_saves_of_a_new_answer_do_not_collide(transactional_db, alice, delft_plan):
    section = delft_plan.checklist.sections.get(slug="draagvlak")
    item = section.items.get(slug="bestuurlijk-draagvlak")
    opened = delft_plan.revision
    barrier = threading.Barrier(2)
    errors = []

    def save(text):
        try:
            barrier.wait()
            services.save_step(
                delft_plan, section, alice, answers={item: text}, expected_revision=opened
            )
        except Exception as exc:  # the test reports any failure, whatever it is
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ["Eerst getypt", "Alles getypt"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Answer.objects.filter(plan=delft_plan, item=item).count() == 1
