"""`make bench`: the portal at 100x real scale, measured against the framework's floor.

Modules that run in the bench process itself (no Django): databases, server, load,
report, size, compare. Modules that run in a Django subprocess against one bench
database: builder (the data set), measure (queries and CPU per page, cold and warm;
PDF timings) and profile, started through `python -m bench.django_side`. Modules that
gunicorn loads (scripts/ on PYTHONPATH): settings (`DJANGO_SETTINGS_MODULE=bench.settings`),
urls (the portal's URLs plus the floor) and cold (emptying every cache).
"""
