"""The visitor's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind a load balancer REMOTE_ADDR is the balancer's own address, so every visitor
would share one lock-out. Each trusted proxy appends the address it saw to
X-Forwarded-For; the entry `EBW_PROXY_COUNT` places from the right is the client as
the outermost proxy saw it. Entries further left come from the client and may be forged,
so they are never used.
"""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.EBW_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
