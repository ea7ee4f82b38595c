from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalBackend(ModelBackend):
    """Django's ModelBackend, loading the user's municipality in the same query: every
    page shows it in the header and every plan query filters on it, so without this each
    logged-in request paid one query more."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("municipality")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
