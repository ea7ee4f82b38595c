"""Two requests at the same moment, made deterministic: the first runs in a transaction
that stays open a while after it has done its work (as if its response were still on
its way), the second runs meanwhile in another thread with its own connection."""

import threading
import time

from django.db import connection, transaction

# Long enough for the second to do everything it does before it has to wait for the
# first's uncommitted rows.
HOLD_SECONDS = 0.5


def second_while_first_is_uncommitted(first, second):
    """Returns [result of first, result of second]; an exception is returned as result."""
    results = [None, None]
    first_done = threading.Event()

    def run_first():
        try:
            with transaction.atomic():
                results[0] = first()
                first_done.set()
                time.sleep(HOLD_SECONDS)
        except Exception as exc:  # the test reports any failure, whatever it is
            results[0] = exc
        finally:
            first_done.set()
            connection.close()

    def run_second():
        first_done.wait()
        try:
            results[1] = second()
        except Exception as exc:  # the test reports any failure, whatever it is
            results[1] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
