"""Real threads, each with its own database connection, started at the same moment."""

import threading

from django.db import connection


def run_at_once(jobs):
    """Start every job at the same moment; return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # collected and asserted on by the caller
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
