"""Login throttling behind a load balancer: the lock-out follows the real client."""

import pytest
from django.test import RequestFactory, override_settings

from ebw_portal.accounts.client_ip import client_ip
from tests.conftest import PASSWORD

factory = RequestFactory()


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **meta)


@override_settings(EBW_PROXY_COUNT=0)
def test_without_a_proxy_a_forged_header_is_ignored():
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(EBW_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote():
    # The client forged "1.2.3.4"; the balancer appended the real 203.0.113.7.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"


@override_settings(EBW_PROXY_COUNT=1)
def test_behind_a_proxy_a_request_without_the_header_falls_back_to_the_peer():
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"


@pytest.mark.django_db
@override_settings(EBW_PROXY_COUNT=1, AXES_FAILURE_LIMIT=3)
def test_behind_a_proxy_one_visitors_failures_do_not_lock_out_another(client, alice):
    url = "/account/inloggen/"
    for _ in range(3):
        client.post(
            url,
            {"username": alice.username, "password": "fout"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    locked = client.post(
        url,
        {"username": alice.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert locked.status_code == 429
    other = client.post(
        url,
        {"username": alice.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert other.status_code == 302
