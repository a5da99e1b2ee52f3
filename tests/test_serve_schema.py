"""A bounded schemathesis run over the OpenAPI schema, over real HTTP on 127.0.0.1: every operation
gets generated requests (valid and invalid parameters, bodies, cursors, ids) and none may answer
with a server error (5xx). Writes run with the token, so the ingest endpoint analyses what the
generator posts. Bounded: ``MAX_EXAMPLES`` requests per operation (about 20 s per backend, SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extra: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from lagebild.serve import create_app  # noqa: E402
from lagebild.serve.testing import backend_url, picture_document, running  # noqa: E402
from lagebild.store import open_store  # noqa: E402
from lagebild.store.testing import sample_documents  # noqa: E402

TOKEN = "schema-test-token"
MAX_EXAMPLES = 10


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with backend_url(request.param, tmp_path_factory.mktemp("schema")) as db:
        with open_store(db) as store:
            store.add_many([*sample_documents(), picture_document()])
        with running(create_app(db, token=TOKEN, rate=0, max_body=200_000)) as base:
            yield base


def check_operation(operation: Any, base_url: str) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(base_url=base_url, headers={"Authorization": f"Bearer {TOKEN}"},
                               checks=[not_a_server_error], timeout=60)

    run()


def test_serve_schema_no_request_makes_a_server_error(base_url: str) -> None:
    schema = schemathesis.openapi.from_url(base_url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        check_operation(operation, base_url)
