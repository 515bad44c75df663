"""Every service test runs on SQLite and on PostgreSQL."""

import pytest

from tests.conftest import BACKENDS, backend_project


@pytest.fixture(params=BACKENDS)
def backend(request):
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgresql" else None
    yield request.param
    if cluster is not None:
        cluster.drop_made()


@pytest.fixture
def project(backend, tmp_path, request):
    p = backend_project(backend, tmp_path, request)
    yield p
    p.close()
