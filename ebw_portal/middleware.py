from django.utils.cache import add_never_cache_headers, patch_cache_control


class DutchFirstMiddleware:
    """Serve Dutch unless the visitor chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an
    English browser would land on an English portal. The portal is Dutch first:
    only the explicit choice (the language cookie set by the switch at /taal/<code>/) counts.
    Placed just before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages shown to a logged-in user can hold a municipality's plans: neither the
    browser (the Back button on a shared office computer after logging out) nor a proxy
    may keep them. Responses that set their own Cache-Control keep it.

    Placed after AuthenticationMiddleware, which provides request.user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
