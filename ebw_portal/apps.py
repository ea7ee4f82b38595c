from django.apps import AppConfig


class EbwPortalConfig(AppConfig):
    # Holds the project-wide templates tags, management commands and the home page.
    name = "ebw_portal"
    verbose_name = "EBW portal"
