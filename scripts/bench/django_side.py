"""Entry point of the Django subprocesses: `python -m bench.django_side COMMAND`.

The bench process itself stays free of Django, because each subprocess talks to a
different bench database (DATABASE_URL is set per subprocess).
Commands: `build-small`, `build-scale` (fill the database), `targets` (the targets as
JSON), `measure [FLOOR_BYTES]` (targets, queries and CPU times, cold and warm, as JSON
on stdout), `profile KEY` (one cold visit), `pdf` (PDF timings as JSON).
"""

import json
import os
import sys

import django


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from bench import builder, measure

    command = argv[0]
    if command == "build-small":
        builder.add_bench_login()
    elif command == "build-scale":
        builder.add_bench_login()
        builder.add_scale_data()
    elif command == "targets":
        print(json.dumps(measure.targets()))
    elif command == "measure":
        target_list = measure.targets()
        floor_bytes = int(argv[1]) if len(argv) > 1 else 0
        queries = measure.count_queries(target_list, floor_bytes)
        print(
            json.dumps({"targets": target_list, "queries": queries, "login": measure.login_path()})
        )
    elif command == "profile":
        from bench.profile import profile

        profile(argv[1])
    elif command == "pdf":
        print(json.dumps(measure.pdf_timings()))
    else:
        print(f"onbekend commando: {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
