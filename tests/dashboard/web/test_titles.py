"""The browser tab's title follows the view's language (``dashboard/web/titles.py``)."""

from __future__ import annotations

import contextvars
import threading

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from flask import Flask

from dashboard.web.titles import page_title, request_language

SERVER = Flask(__name__)


@pytest.mark.parametrize(("address", "expected"), [
    ("/ekonomi", "Tertial – Ekonomi"),
    ("/ekonomi?lang=sv", "Tertial – Ekonomi"),
    ("/ekonomi?period=2018-T2&lang=en", "Tertial – Finance"),
    ("/ekonomi?lang=de", "Tertial – Ekonomi"),  # anything but English reads Swedish
])
def test_the_index_pages_title_is_in_the_addresss_language(address, expected):
    with SERVER.test_request_context(address):
        assert page_title("nav.finance")() == expected


def test_a_request_in_a_fresh_thread_reads_its_own_query():
    """A served index page: a worker thread where Dash never set its callback context."""
    seen = []

    def serve():
        with SERVER.test_request_context("/verksamhet?lang=en"):
            seen.append(page_title("nav.operations")())
    worker = threading.Thread(target=serve)
    worker.start()
    worker.join()
    assert seen == ["Tertial – Operations"]


def test_the_routers_callback_reads_the_language_of_the_new_address():
    """The language switch changes only the address's query; the router's callback gets it
    as its ``search`` input, while the request itself is the callback's POST."""
    def in_callback():
        context_value.set(AttributeDict(input_values={  # as Dash sets it for a callback
            "_pages_location.pathname": "/ekonomi",
            "_pages_location.search": "?period=2018-T2&lang=en"}))
        with SERVER.test_request_context("/_dash-update-component", method="POST"):
            return request_language(), page_title("nav.overview")()
    assert contextvars.copy_context().run(in_callback) == ("en", "Tertial – Overview")


def test_outside_a_request_the_title_is_swedish():
    assert page_title("nav.overview")() == "Tertial – Översikt"
