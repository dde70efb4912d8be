"""schemathesis against the OpenAPI schema: no server errors, every response as the schema says."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from app.settings import Settings
from app.web.app import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings()))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_and_pages_keep_to_their_schema(case):
    case.call_and_validate()
