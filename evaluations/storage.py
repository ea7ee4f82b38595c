from django.conf import settings
from django.core.files.storage import FileSystemStorage


def report_storage() -> FileSystemStorage:
    """Private storage for uploaded reports (no base URL: only a view may serve them).

    A callable, so the path is read from settings at run time, not frozen in a migration.
    """
    return FileSystemStorage(location=settings.EBW_REPORTS_ROOT, base_url=None)
