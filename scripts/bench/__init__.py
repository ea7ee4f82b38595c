"""`make bench`: the portal at 100x real scale, measured against the framework's floor.

Modules that run in the bench process itself (no Django): databases, server, load,
report. Modules that run in a Django subprocess against one bench database:
builder (the data set) and measure (queries per page, PDF timings), started through
`python -m bench.django_side`.
"""
