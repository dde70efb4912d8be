"""schemathesis against the OpenAPI schema: no server errors, every response as the schema says."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from app.settings import Settings
from app.web.app import create_app

# A value outside the schema is refused with 404 (or 400 for a form, 405 for a wrong method), and one
# long enough to make the address overlong with 414, before any route runs.
REFUSED = ["400", "404", "405", "414", "415", "422"]
config = schemathesis.Config.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": REFUSED}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings()), config=config)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_and_pages_keep_to_their_schema(case):
    case.call_and_validate()
